package io.novix.core.routing.entity;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Where Novix may send calls (and its Hugging Face key): never to a link-local, unspecified or
 * multicast address, nor a cloud metadata service, however the host is spelled (SSRF). A host
 * must be a name or a dotted IP: numeric spellings such as {@code 2852039166} or {@code 0xA9FEA9FE}
 * (169.254.169.254) are refused outright.
 */
public final class EndpointAddress {

    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata", "instance-data",
            "metadata.azure.internal", "instance-data.ec2.internal");
    private static final Set<String> METADATA_ADDRESSES = Set.of("100.100.100.200", "fd00:ec2:0:0:0:0:0:254");
    private static final Pattern NUMERIC_HOST = Pattern.compile("^(0x[0-9a-f]+|[0-9]+)(\\.(0x[0-9a-f]+|[0-9]+)){0,2}$");
    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("^[0-9.]+$");
    private static final int MAX_SPELLINGS = 10_000;
    private static final Map<String, String> SPELLINGS = new ConcurrentHashMap<>();

    private EndpointAddress() {
    }

    /** Why Novix must not call this URL, or null when it may. Resolves the host when it can. */
    public static String refusal(URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        // checked at every call: the spelling's verdict never changes, so it is remembered (endpoints are few;
        // past the bound it is worked out again); what the name resolves to is asked every time
        String spelled = SPELLINGS.size() < MAX_SPELLINGS ? SPELLINGS.computeIfAbsent(bare, EndpointAddress::spelling) : spelling(bare);
        if (!spelled.isEmpty()) {
            return spelled;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(bare)) {
                if (a.isLinkLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()
                        || METADATA_ADDRESSES.contains(withoutZone(a.getHostAddress()))
                        || (a instanceof Inet6Address six && six.isIPv4CompatibleAddress())) {
                    return "link-local, unspecified, multicast and metadata addresses are never an endpoint";
                }
            }
        } catch (UnknownHostException e) {
            return null; // not resolvable here and now: it may be by the time it is called; the literal checks stand
        }
        return null;
    }

    /** The verdict on the host's spelling alone; empty when it may be called. */
    private static String spelling(String bare) {
        if (NUMERIC_HOST.matcher(bare).matches() || DIGITS_AND_DOTS.matcher(bare).matches() && bare.chars().filter(c -> c == '.').count() != 3) {
            return "the host must be a name or a dotted IP address";
        }
        if (METADATA_HOSTS.contains(bare)) {
            return "cloud metadata services are never an endpoint";
        }
        return "";
    }

    /** An IPv6 address without its scope ({@code fe80::1%eth0}). */
    private static String withoutZone(String address) {
        int zone = address.indexOf('%');
        return zone < 0 ? address : address.substring(0, zone);
    }
}
