package dev.keywatch.it;

/** The scripted calls through Apache HttpClient 4, as applications (and the AWS SDK's Apache client) write them. */
final class ApacheHttpClient4Clients {
    private static org.apache.http.impl.client.CloseableHttpClient classic4;

    private ApacheHttpClient4Clients() {
    }

    static String call(String mode, ScriptedCall call) throws Exception {
        if (!mode.equals("apache4")) {
            throw new IllegalArgumentException(mode);
        }
        return apache4(call);
    }

    /** HttpClient 4: execute, then read the entity (the style the AWS SDK's Apache client uses). */
    private static String apache4(ScriptedCall call) throws Exception {
        if (classic4 == null) {
            classic4 = org.apache.http.impl.client.HttpClients.custom()
                    .setDefaultRequestConfig(org.apache.http.client.config.RequestConfig.custom()
                            .setConnectTimeout(5000).build())
                    .build();
        }
        org.apache.http.client.methods.HttpPost post = new org.apache.http.client.methods.HttpPost(call.url);
        post.setEntity(new org.apache.http.entity.StringEntity(ClientProgram.JSON_BODY,
                org.apache.http.entity.ContentType.APPLICATION_JSON));
        call.headers.forEach(post::setHeader);
        try (org.apache.http.client.methods.CloseableHttpResponse r = classic4.execute(post)) {
            byte[] body = r.getEntity() == null ? new byte[0]
                    : org.apache.http.util.EntityUtils.toByteArray(r.getEntity());
            return ClientProgram.seen(r.getStatusLine().getStatusCode(), body);
        }
    }
}
