package dev.vtool.cli.output;

/** The report formats every finding-producing command offers (`--format`). */
public enum OutputFormat {
    TEXT, JSON, SARIF, GITHUB;

    public FindingsFormatter formatter(boolean color) {
        switch (this) {
            case JSON:
                return new JsonFormatter();
            case SARIF:
                return new SarifFormatter();
            case GITHUB:
                return new GithubFormatter();
            default:
                return new TextFormatter(color);
        }
    }
}
