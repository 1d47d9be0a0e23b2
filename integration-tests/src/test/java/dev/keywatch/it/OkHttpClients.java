package dev.keywatch.it;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** The scripted calls through OkHttp, blocking and enqueued, with the API OkHttp 3, 4 and 5 all have. */
@SuppressWarnings("deprecation")
final class OkHttpClients {
    private static OkHttpClient client;

    private OkHttpClients() {
    }

    static synchronized OkHttpClient client() {
        if (client == null) {
            client = new OkHttpClient.Builder().connectTimeout(5, TimeUnit.SECONDS).build();
        }
        return client;
    }

    static String call(String mode, ScriptedCall call) throws Exception {
        switch (mode) {
            case "okhttp": {
                Response r = client().newCall(request(call)).execute();
                try {
                    return ClientProgram.seen(r.code(), r.body().bytes());
                } finally {
                    r.body().close();
                }
            }
            case "okhttp-async": {
                CompletableFuture<String> done = new CompletableFuture<>();
                client().newCall(request(call)).enqueue(new Callback() {
                    @Override
                    public void onFailure(Call c, IOException e) {
                        done.complete("error=" + ClientProgram.describe(e));
                    }

                    @Override
                    public void onResponse(Call c, Response r) throws IOException {
                        try {
                            done.complete(ClientProgram.seen(r.code(), r.body().bytes()));
                        } finally {
                            r.body().close();
                        }
                    }
                });
                return done.get(30, TimeUnit.SECONDS);
            }
            default:
                throw new IllegalArgumentException(mode);
        }
    }

    static synchronized void shutdown() {
        if (client != null) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    private static Request request(ScriptedCall call) {
        Request.Builder b = new Request.Builder().url(call.url)
                // The (MediaType, String) form and MediaType.parse are what OkHttp 3, 4 and 5 all have.
                .post(RequestBody.create(MediaType.parse("application/json"), ClientProgram.JSON_BODY));
        call.headers.forEach(b::header);
        return b.build();
    }
}
