package dev.keywatch.instrumentation.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublicFieldTest {
    static class Wrapper {
        protected Object wrappedEntity = "inner";
    }

    static final class Subclass extends Wrapper {
    }

    public static final class Scope {
        public final String route = "route";
        private final String hidden = "hidden";

        String hidden() {
            return hidden;
        }
    }

    @Test
    void readsPublicFields() throws Throwable {
        assertThat(PublicField.named("route").get(new Scope())).isEqualTo("route");
    }

    @Test
    void aPublicReaderDoesNotOpenPrivateFields() throws Throwable {
        assertThat(PublicField.named("hidden").get(new Scope())).isNull();
    }

    @Test
    void readsADeclaredFieldOfASuperclass() throws Throwable {
        assertThat(PublicField.declared("wrappedEntity").get(new Subclass())).isEqualTo("inner");
    }

    @Test
    void aMissingFieldReadsAsNull() throws Throwable {
        assertThat(PublicField.declared("nothing").get(new Subclass())).isNull();
    }
}
