package dev.vtool.schema.finding;

import dev.vtool.schema.source.Position;
import dev.vtool.schema.source.SourceFile;

/** A point in a source file; the file is kept so output can show the line as a snippet. */
public record Location(SourceFile file, Position position) implements Comparable<Location> {

    public Location(SourceFile file, int line, int column) {
        this(file, new Position(line, column));
    }

    public int line() {
        return position.line();
    }

    public int column() {
        return position.column();
    }

    public String fileName() {
        return file.name();
    }

    @Override
    public int compareTo(Location o) {
        int byName = file.name().compareTo(o.file.name());
        return byName != 0 ? byName : position.compareTo(o.position);
    }

    @Override
    public String toString() {
        return file.name() + ":" + position;
    }
}
