package dev.keywatch.instrumentation.reactornetty;

/**
 * Which of Netty's HTTP message interfaces an inbound message's class implements, worked out once per
 * class by name: the agent cannot link against the application's Netty.
 */
final class MessageKind extends ClassValue<Integer> {
    static final int RESPONSE = 1;
    static final int CONTENT = 2;
    static final int LAST = 4;
    private static final String HTTP = "io.netty.handler.codec.http.";
    private static final MessageKind KINDS = new MessageKind();

    private MessageKind() {
    }

    /** A mask of {@link #RESPONSE}, {@link #CONTENT} and {@link #LAST}; 0 for anything else. */
    static int of(Object message) {
        return KINDS.get(message.getClass());
    }

    @Override
    protected Integer computeValue(Class<?> type) {
        return kinds(type);
    }

    private static int kinds(Class<?> type) {
        int kind = 0;
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                kind |= kind(i.getName()) | kinds(i);
            }
        }
        return kind;
    }

    private static int kind(String name) {
        switch (name) {
            case HTTP + "HttpResponse":
                return RESPONSE;
            case HTTP + "HttpContent":
                return CONTENT;
            case HTTP + "LastHttpContent":
                return LAST | CONTENT;
            default:
                return 0;
        }
    }
}
