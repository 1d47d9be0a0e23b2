package dev.keywatch.instrumentation.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

class AccessorTest {
    /** Public methods on a class that is not public, reached through its public interface (OkHttp 3's RealCall). */
    public interface Call {
        String request();
    }

    static final class HiddenCall implements Call {
        @Override
        public String request() {
            return "the request";
        }
    }

    public static final class Headers {
        private final String[] names;

        public Headers(String... names) {
            this.names = names;
        }

        public int size() {
            return names.length;
        }

        public String name(int index) {
            return names[index];
        }

        public long bytes() {
            return 7L * names.length;
        }

        public void clear() {
            java.util.Arrays.fill(names, null);
        }

        public String join(String separator, Integer times) {
            return String.join(separator, names).repeat(times);
        }

        public String fail() throws IOException {
            throw new IOException("from the library");
        }
    }

    public static final class OtherHeaders {
        public String name(int index) {
            return "other " + index;
        }
    }

    @Test
    void callsThroughAGeneratedClassTheLibraryMethodWithItsArgumentsAndResultAdapted() throws Throwable {
        Headers headers = new Headers("a", "b");
        Accessor size = Accessor.ofInt("size");
        Accessor name = Accessor.of("name", int.class);
        Accessor bytes = Accessor.of("bytes");
        Accessor join = Accessor.of("join", String.class, Integer.class);
        Accessor clear = Accessor.of("clear");

        assertThat(size.callInt(headers)).isEqualTo(2);
        assertThat(name.call(headers, 1)).isEqualTo("b");
        assertThat(bytes.call(headers)).isEqualTo(14L);
        assertThat(join.call(headers, "-", 2)).isEqualTo("a-ba-b");
        assertThat(clear.call(headers)).isNull();
        assertThat(name.call(headers, 0)).isNull();
        for (Accessor a : new Accessor[] {size, name, bytes, join, clear}) {
            assertThat(directCallOf(a, Headers.class)).isNotNull().isNotInstanceOf(handleCallClass());
        }
    }

    @Test
    void findsTheMethodOnThePublicInterfaceOfAClassThatIsNotPublic() throws Throwable {
        Accessor request = Accessor.of("request");

        assertThat(request.call(new HiddenCall())).isEqualTo("the request");
        assertThat(directCallOf(request, HiddenCall.class).getClass().getClassLoader())
                .isNotSameAs(HiddenCall.class.getClassLoader());
    }

    @Test
    void throwsWhatTheLibraryThrowsAndWhatAMethodHandleWould() throws Throwable {
        Headers headers = new Headers("a");

        assertThatThrownBy(() -> Accessor.of("fail").call(headers)).isInstanceOf(IOException.class)
                .hasMessage("from the library");
        assertThatThrownBy(() -> Accessor.of("name", int.class).call(headers, 5))
                .isInstanceOf(ArrayIndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Accessor.of("name", int.class).call(headers, "5"))
                .isInstanceOf(ClassCastException.class);
        assertThatThrownBy(() -> Accessor.of("name", int.class).call(headers, (Object) null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Accessor.of("missing").call(headers)).isInstanceOf(NoSuchMethodException.class)
                .hasMessageContaining("Headers.missing");
        assertThat(Accessor.of("missing").isPresentOn(headers)).isFalse();
        assertThat(Accessor.of("size").isPresentOn(headers)).isTrue();
    }

    @Test
    void answersForEachClassItMeetsWhenTheyTakeTurns() throws Throwable {
        Accessor name = Accessor.of("name", int.class);
        Headers headers = new Headers("h0", "h1");
        OtherHeaders other = new OtherHeaders();

        for (int i = 0; i < 1_000; i++) {
            assertThat(name.call(headers, i % 2)).isEqualTo("h" + (i % 2));
            assertThat(name.call(other, i)).isEqualTo("other " + i);
        }
    }

    @Test
    void linksToTheLibraryVersionOfTheObjectsOwnLoader() throws Throwable {
        ClassLoader isolated = new ChildFirstLoader(getClass().getClassLoader(), Headers.class.getName());
        Class<?> theirs = Class.forName(Headers.class.getName(), true, isolated);
        Object headers = theirs.getConstructor(String[].class).newInstance((Object) new String[] {"x", "y", "z"});
        Accessor size = Accessor.ofInt("size");

        assertThat(theirs).isNotSameAs(Headers.class);
        assertThat(size.callInt(headers)).isEqualTo(3);
        assertThat(size.callInt(new Headers("a"))).isEqualTo(1);
        assertThat(directCallOf(size, theirs).getClass().getClassLoader().getParent()).isSameAs(isolated);
    }

    @Test
    void keepsTheMethodHandleForAClassItsLoaderDoesNotAnswerToByName() throws Throwable {
        // Defined by a loader that, asked for the name, hands out the application's class instead.
        Class<?> orphan = new DefiningLoader(getClass().getClassLoader()).define(Headers.class.getName());
        Object headers = orphan.getConstructor(String[].class).newInstance((Object) new String[] {"x", "y"});
        Accessor size = Accessor.ofInt("size");

        assertThat(size.callInt(headers)).isEqualTo(2);
        assertThat(directCallOf(size, orphan)).isInstanceOf(handleCallClass());
    }

    @Test
    void holdsNoLibraryClassLoaderOnceTheApplicationLetsItGo() throws Throwable {
        Accessor size = Accessor.ofInt("size");
        WeakReference<ClassLoader> loader = callThroughAnIsolatedLoader(size);

        for (int i = 0; i < 50 && loader.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(loader.get()).as("the undeployed library's class loader").isNull();
        assertThat(size.callInt(new Headers("still", "works"))).isEqualTo(2);
    }

    private WeakReference<ClassLoader> callThroughAnIsolatedLoader(Accessor size) throws Throwable {
        ClassLoader isolated = new ChildFirstLoader(getClass().getClassLoader(), Headers.class.getName());
        Object headers = Class.forName(Headers.class.getName(), true, isolated).getConstructor(String[].class)
                .newInstance((Object) new String[] {"x"});
        assertThat(size.callInt(headers)).isEqualTo(1);
        return new WeakReference<>(isolated);
    }

    private static DirectCall directCallOf(Accessor accessor, Class<?> type) {
        return accessor.get(type);
    }

    private static Class<?> handleCallClass() throws ClassNotFoundException {
        return Class.forName(Accessor.class.getName() + "$HandleCall");
    }

    private static byte[] bytesOf(String className) {
        try (InputStream in = AccessorTest.class.getClassLoader()
                .getResourceAsStream(className.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads one class itself, as an application server's web-app loader does; the rest from its parent. */
    private static final class ChildFirstLoader extends ClassLoader {
        private final String own;

        ChildFirstLoader(ClassLoader parent, String own) {
            super(parent);
            this.own = own;
        }

        @Override
        protected synchronized Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.equals(own)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    byte[] b = bytesOf(name);
                    loaded = defineClass(name, b, 0, b.length);
                }
                return loaded;
            }
            return super.loadClass(name, resolve);
        }
    }

    private static final class DefiningLoader extends ClassLoader {
        DefiningLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            return getParent().loadClass(name);
        }

        Class<?> define(String name) {
            byte[] b = bytesOf(name);
            return defineClass(name, b, 0, b.length);
        }
    }
}
