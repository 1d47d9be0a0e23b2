package dev.keywatch.exporter.events;

import java.io.IOException;

/** Where event lines go: standard error or a file that rotates by size. Written from one thread. */
interface LogOutput {
    void write(byte[] line) throws IOException;

    void flush() throws IOException;

    /** Standard error, which the agent never closes. */
    LogOutput STDERR = new LogOutput() {
        @Override
        public void write(byte[] line) {
            System.err.write(line, 0, line.length);
        }

        @Override
        public void flush() {
            System.err.flush();
        }
    };
}
