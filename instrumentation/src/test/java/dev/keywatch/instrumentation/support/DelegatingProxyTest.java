package dev.keywatch.instrumentation.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DelegatingProxyTest {
    /** A library interface, reached through a superinterface as libraries often declare them. */
    interface Entity extends AutoCloseable {
        String read() throws IOException;
    }

    interface StreamingEntity extends Entity {
        default boolean streaming() {
            return true;
        }
    }

    static final class LibraryEntity implements StreamingEntity {
        private final IOException failure;

        LibraryEntity(IOException failure) {
            this.failure = failure;
        }

        @Override
        public String read() throws IOException {
            if (failure != null) throw failure;
            return "body";
        }

        @Override
        public void close() {
        }
    }

    static final class Watching extends DelegatingProxy {
        final List<String> seen = new ArrayList<>();

        Watching(Object delegate) {
            super(delegate);
        }

        @Override
        protected Object intercept(Method method, Object[] args) throws Throwable {
            seen.add(method.getName());
            return pass(method, args);
        }
    }

    @Test
    void passesEveryCallThroughAndWatchesIt() throws Exception {
        Watching watching = new Watching(new LibraryEntity(null));
        Entity proxy = (Entity) watching.as(Entity.class.getName());
        assertThat(proxy.read()).isEqualTo("body");
        proxy.close();
        assertThat(watching.seen).containsExactly("read", "close");
    }

    @Test
    void theApplicationGetsTheVeryExceptionTheLibraryThrew() {
        IOException failure = new IOException("connection reset");
        Entity proxy = (Entity) new Watching(new LibraryEntity(failure)).as(Entity.class.getName());
        assertThatThrownBy(proxy::read).isSameAs(failure);
    }

    @Test
    void findsTheInterfaceOnSuperinterfacesAndKeepsDefaultMethods() {
        StreamingEntity proxy = (StreamingEntity) new Watching(new LibraryEntity(null)).as(StreamingEntity.class.getName());
        assertThat(proxy.streaming()).isTrue();
        assertThat(new Watching(new LibraryEntity(null)).as(AutoCloseable.class.getName())).isInstanceOf(AutoCloseable.class);
    }

    @Test
    void refusesAnObjectThatDoesNotImplementTheInterface() {
        assertThat(new Watching("not an entity").as(Entity.class.getName())).isNull();
    }

    @Test
    void equalityAndHashAreTheDelegates() {
        LibraryEntity entity = new LibraryEntity(null);
        Object proxy = new Watching(entity).as(Entity.class.getName());
        assertThat(proxy.hashCode()).isEqualTo(entity.hashCode());
        assertThat(proxy.equals(proxy)).isTrue();
        assertThat(proxy.equals(entity)).isTrue();
    }
}
