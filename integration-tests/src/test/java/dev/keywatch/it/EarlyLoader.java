package dev.keywatch.it;

import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.net.http.HttpClient;

/**
 * An agent placed before Keywatch on the command line that loads the JDK's HTTP clients first, so that
 * Keywatch has to retransform classes that are already loaded.
 */
public final class EarlyLoader {
    private EarlyLoader() {
    }

    public static void premain(String args, Instrumentation instrumentation) throws Exception {
        new URL("http://127.0.0.1:1/").openConnection();
        HttpClient.newHttpClient();
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            if (c.getName().equals("sun.net.www.protocol.http.HttpURLConnection")
                    || c.getName().equals("jdk.internal.net.http.HttpClientImpl")) {
                System.err.println("early-loaded " + c.getName());
            }
        }
    }
}
