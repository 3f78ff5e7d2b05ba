package it.novix;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a browser does in SP-initiated SAML sign-in, over plain HTTP: follows redirects, keeps
 * cookies, submits the auto-posting forms (AuthnRequest to the IdP, SAMLResponse to Novix's ACS)
 * and fills in Keycloak's real login form.
 */
final class SamlBrowser {

    private static final Pattern FORM = Pattern.compile("<form[^>]*?action=\"([^\"]*)\"[^>]*>(.*?)</form>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern INPUT = Pattern.compile("<input([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTR = Pattern.compile("(name|value|type)=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new LoopbackIsSecure(cookies))
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** A form found in a page: where it posts and its fields. */
    record Form(String action, Map<String, String> fields) {
    }

    /** The outcome of a sign-in: Novix's final answer and the SAMLResponse that was posted to the ACS. */
    record SignedIn(HttpResponse<String> answer, String acsUrl, Map<String, String> samlPost,
                    Map<URI, java.util.List<java.net.HttpCookie>> cookiesBeforeAcs) {
    }

    HttpResponse<String> get(String url) throws Exception {
        return follow(http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    HttpResponse<String> post(String url, Map<String, String> fields) throws Exception {
        String body = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return follow(http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    /** A JSON change with the session cookie and its CSRF header, as the console sends it. */
    HttpResponse<String> json(String method, String url, String body, String csrf) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-Novix-CSRF", csrf)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> follow(HttpResponse<String> r) throws Exception {
        for (int i = 0; i < 10 && r.statusCode() >= 300 && r.statusCode() < 400; i++) {
            URI next = r.uri().resolve(r.headers().firstValue("Location").orElseThrow());
            r = http.send(HttpRequest.newBuilder(next).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        }
        return r;
    }

    static Form form(HttpResponse<String> page) {
        Matcher m = FORM.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no form in the page from " + page.uri() + " (" + page.statusCode() + "): " + page.body());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher in = INPUT.matcher(m.group(2));
        while (in.find()) {
            Map<String, String> a = new LinkedHashMap<>();
            Matcher attr = ATTR.matcher(in.group(1));
            while (attr.find()) {
                a.put(attr.group(1).toLowerCase(), unescape(attr.group(2)));
            }
            if (a.containsKey("name")) {
                fields.put(a.get("name"), a.getOrDefault("value", ""));
            }
        }
        return new Form(page.uri().resolve(unescape(m.group(1))).toString(), fields);
    }

    /** SP-initiated sign-in at {@code loginUrl} through Keycloak's login form. */
    SignedIn signIn(String loginUrl, String username, String password) throws Exception {
        HttpResponse<String> page = get(loginUrl);
        Form authnRequest = form(page);                         // Liberty: auto-posting AuthnRequest to the IdP
        if (!authnRequest.fields().containsKey("SAMLRequest")) {
            throw new AssertionError("expected an AuthnRequest form, got " + page.body());
        }
        HttpResponse<String> login = post(authnRequest.action(), authnRequest.fields());
        Form credentials = form(login);                         // Keycloak's real login form
        Map<String, String> fields = new LinkedHashMap<>(credentials.fields());
        fields.put("username", username);
        fields.put("password", password);
        HttpResponse<String> answer = post(credentials.action(), fields);
        Form samlPost = form(answer);                           // Keycloak: auto-posting SAMLResponse to the ACS
        if (!samlPost.fields().containsKey("SAMLResponse")) {
            throw new AssertionError("expected a SAMLResponse form, got " + answer.body());
        }
        Map<URI, java.util.List<java.net.HttpCookie>> before = new LinkedHashMap<>();
        for (URI uri : cookies.getCookieStore().getURIs()) {
            before.put(uri, cookies.getCookieStore().get(uri).stream().map(c -> (java.net.HttpCookie) c.clone()).toList());
        }
        return new SignedIn(post(samlPost.action(), samlPost.fields()), samlPost.action(), samlPost.fields(), before);
    }

    /** A browser holding the given cookies: the same browser as it was at some earlier moment. */
    static SamlBrowser withCookies(Map<URI, java.util.List<java.net.HttpCookie>> jar) {
        SamlBrowser b = new SamlBrowser();
        jar.forEach((uri, list) -> list.forEach(c -> b.cookies.getCookieStore().add(uri, (java.net.HttpCookie) c.clone())));
        return b;
    }

    /**
     * Browsers treat http://127.0.0.1 as a secure context and keep sending {@code Secure} cookies to it
     * (Keycloak marks its login-session cookies Secure); the JDK's CookieManager would drop them.
     */
    private static final class LoopbackIsSecure extends java.net.CookieHandler {
        private final CookieManager delegate;

        LoopbackIsSecure(CookieManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public Map<String, java.util.List<String>> get(URI uri, Map<String, java.util.List<String>> headers) throws java.io.IOException {
            return delegate.get(uri, headers);
        }

        @Override
        public void put(URI uri, Map<String, java.util.List<String>> headers) throws java.io.IOException {
            Map<String, java.util.List<String>> copy = new LinkedHashMap<>();
            headers.forEach((k, v) -> copy.put(k, k != null && k.equalsIgnoreCase("Set-Cookie")
                    ? v.stream().map(c -> c.replaceAll("(?i);\\s*Secure", "")).toList() : v));
            delegate.put(uri, copy);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String unescape(String s) {
        return s.replace("&amp;", "&").replace("&quot;", "\"").replace("&#x3d;", "=").replace("&#61;", "=")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&#x2f;", "/").replace("&#x3a;", ":");
    }
}
