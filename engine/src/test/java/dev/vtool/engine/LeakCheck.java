package dev.vtool.engine;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** {@code @ExtendWith(LeakCheck.class)}: hooks Netty's leak detector before the class, fails it on any leak after. */
public final class LeakCheck implements BeforeAllCallback, AfterAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        LeakWatch.install();
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        LeakWatch.assertNone();
    }
}
