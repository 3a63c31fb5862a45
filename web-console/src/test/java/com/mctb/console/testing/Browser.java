package com.mctb.console.testing;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The one headless Chromium session every browser test of this module shares (starting one takes seconds on this
 * machine): started by the first test class that asks, quit when the test JVM exits. Each test signs in afresh, so no
 * test depends on what the one before left in the tab.
 */
public final class Browser {

    private static ChromeDriver session;
    private static WebDriverWait waiting;

    private Browser() {
    }

    /** The session; skips the calling class (saying why) when Debian's Chromium or its driver is missing. */
    public static synchronized ChromeDriver session() {
        Chromium.assumeInstalled();
        if (session == null) {
            session = Chromium.start();
            waiting = Chromium.waiting(session);
            ChromeDriver started = session;
            Runtime.getRuntime().addShutdownHook(new Thread(started::quit));
        }
        return session;
    }

    public static synchronized WebDriverWait waiting() {
        session();
        return waiting;
    }
}
