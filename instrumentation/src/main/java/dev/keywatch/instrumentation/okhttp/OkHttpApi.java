package dev.keywatch.instrumentation.okhttp;

import static dev.keywatch.capture.ApplicationPackages.OKHTTP3;

import dev.keywatch.instrumentation.support.Accessor;
import dev.keywatch.instrumentation.support.DirectCall;
import java.util.Arrays;

/**
 * The OkHttp methods a capture calls, found once for each OkHttp the application loaded, so that a call
 * pays one class lookup (its own call class) instead of one for every object it reads. OkHttp's
 * {@code Request}, {@code HttpUrl}, {@code Headers} and {@code Response} are final classes in every
 * version from 3.x to 5.x, so the methods found on them are the ones their objects answer.
 */
final class OkHttpApi {
    private static final Accessor CALL_REQUEST = Accessor.of("request");
    private static final Accessor REQUEST_URL = Accessor.of("url");
    private static final Accessor REQUEST_METHOD = Accessor.of("method");
    private static final Accessor REQUEST_HEADERS = Accessor.of("headers");
    private static final Accessor URL_HOST = Accessor.of("host");
    private static final Accessor URL_PORT = Accessor.ofInt("port");
    private static final Accessor URL_PATH = Accessor.of("encodedPath");
    private static final Accessor URL_QUERY = Accessor.of("encodedQuery");
    private static final Accessor RESPONSE_CODE = Accessor.ofInt("code");
    private static final Accessor RESPONSE_REQUEST = Accessor.of("request");
    private static final Accessor RESPONSE_HEADERS = Accessor.of("headers");
    private static final Accessor HEADERS_GET = Accessor.of("get", String.class);
    private static final Accessor HEADERS_SIZE = Accessor.ofInt("size");
    private static final Accessor HEADERS_NAME = Accessor.of("name", int.class);
    private static final Accessor HEADERS_VALUE = Accessor.of("value", int.class);

    private static final ClassValue<OkHttpApi> BY_CALL_CLASS = new ClassValue<OkHttpApi>() {
        @Override
        protected OkHttpApi computeValue(Class<?> callClass) {
            return new OkHttpApi(callClass);
        }
    };

    final DirectCall callRequest;
    final DirectCall requestUrl;
    final DirectCall requestMethod;
    final DirectCall requestHeaders;
    final DirectCall urlHost;
    final DirectCall urlPort;
    final DirectCall urlPath;
    final DirectCall urlQuery;
    final DirectCall responseCode;
    final DirectCall responseRequest;
    final DirectCall responseHeaders;
    final DirectCall headersGet;
    final DirectCall headersSize;
    final DirectCall headersName;
    final DirectCall headersValue;
    /** False when a class or method was not found (or may not be called): then no call is read. */
    private final boolean complete;

    private OkHttpApi(Class<?> callClass) {
        ClassLoader loader = callClass.getClassLoader();
        Class<?> request = okHttpClass(loader, "Request");
        Class<?> url = okHttpClass(loader, "HttpUrl");
        Class<?> headers = okHttpClass(loader, "Headers");
        Class<?> response = okHttpClass(loader, "Response");
        callRequest = CALL_REQUEST.get(callClass);
        requestUrl = find(REQUEST_URL, request);
        requestMethod = find(REQUEST_METHOD, request);
        requestHeaders = find(REQUEST_HEADERS, request);
        urlHost = find(URL_HOST, url);
        urlPort = find(URL_PORT, url);
        urlPath = find(URL_PATH, url);
        urlQuery = find(URL_QUERY, url);
        responseCode = find(RESPONSE_CODE, response);
        responseRequest = find(RESPONSE_REQUEST, response);
        responseHeaders = find(RESPONSE_HEADERS, response);
        headersGet = find(HEADERS_GET, headers);
        headersSize = find(HEADERS_SIZE, headers);
        headersName = find(HEADERS_NAME, headers);
        headersValue = find(HEADERS_VALUE, headers);
        complete = !Arrays.asList(callRequest, requestUrl, requestMethod, requestHeaders, urlHost, urlPort, urlPath,
                urlQuery, responseCode, responseRequest, responseHeaders, headersGet, headersSize, headersName,
                headersValue).contains(null);
    }

    /** The methods of the OkHttp that this call belongs to. */
    static OkHttpApi of(Object call) throws NoSuchMethodException {
        OkHttpApi api = BY_CALL_CLASS.get(call.getClass());
        if (!api.complete) {
            throw new NoSuchMethodException(call.getClass().getName()
                    + ": OkHttp's call, Request, HttpUrl, Headers or Response lacks a method the capture reads");
        }
        return api;
    }

    private static Class<?> okHttpClass(ClassLoader loader, String simpleName) {
        try {
            return Class.forName(OKHTTP3 + "." + simpleName, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static DirectCall find(Accessor accessor, Class<?> type) {
        return type == null ? null : accessor.get(type);
    }
}
