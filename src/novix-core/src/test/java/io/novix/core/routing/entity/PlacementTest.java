package io.novix.core.routing.entity;

import io.novix.core.tenant.entity.Residency;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which endpoints a tenant's calls may reach: residency, dedicated accelerators, providers, ownership. */
class PlacementTest {

    private static final UUID ACME = UUID.randomUUID();
    private static final UUID GLOBEX = UUID.randomUUID();
    private static final List<String> ANY = List.of("auto");
    private static final List<String> NONE = List.of();

    private static Route route(String name, String region, EndpointKind kind, UUID owner, boolean sovereign) {
        return new Route(URI.create("http://" + name), region, kind, "chat", false, owner, sovereign);
    }

    private static final Route ROUTER = new Route(URI.create("http://router"), "global", EndpointKind.SERVERLESS, "chat");
    private static final Route SHARED_EU = route("shared-eu", "eu", EndpointKind.SELF_HOSTED, null, false);
    private static final Route SHARED_US = route("shared-us", "us", EndpointKind.SELF_HOSTED, null, false);
    private static final Route SHARED_GPU = route("shared-gpu", "eu", EndpointKind.DEDICATED, null, false);
    private static final Route ACME_OWN = route("acme-own", "eu", EndpointKind.DEDICATED, ACME, true);
    private static final Route GLOBEX_OWN = route("globex-own", "eu", EndpointKind.DEDICATED, GLOBEX, true);
    private static final List<Route> ALL = List.of(ROUTER, SHARED_EU, SHARED_US, SHARED_GPU, ACME_OWN, GLOBEX_OWN);

    @Test
    void anotherTenantsEndpointIsNeverAdmittedWhateverThePolicy() {
        for (Placement p : List.of(new Placement(ACME, List.of(), Residency.GLOBAL, false, true, ANY),
                new Placement(ACME, List.of("eu"), Residency.SOVEREIGN, true, true, NONE), Placement.anywhere())) {
            assertFalse(p.admits(GLOBEX_OWN), p.toString());
        }
    }

    @Test
    void aGlobalStandardTenantGetsTheRouterAndSharedEndpointsButNoSharedAccelerators() {
        Placement standard = new Placement(ACME, List.of(), Residency.GLOBAL, false, false, ANY);
        assertEquals(List.of(ACME_OWN, ROUTER, SHARED_EU, SHARED_US), standard.order(ALL), "its own endpoint first");
    }

    @Test
    void aRegionalTenantStaysInItsRegionsAndLeavesTheRouterOutWhenNoProviderIsAllowed() {
        Placement regional = new Placement(ACME, List.of("eu"), Residency.REGIONAL, false, true, NONE);
        assertEquals(List.of(ACME_OWN, SHARED_EU, SHARED_GPU), regional.order(ALL));
        assertFalse(regional.admits(SHARED_US));
        assertFalse(regional.admits(ROUTER));
    }

    @Test
    void aSovereignDedicatedOnlyTenantReachesOnlySovereignInfrastructure() {
        Placement government = new Placement(ACME, List.of("eu"), Residency.SOVEREIGN, true, true, NONE);
        assertEquals(List.of(ACME_OWN), government.order(ALL));
        Route sovereignShared = route("sov", "eu", EndpointKind.DEDICATED, null, true);
        assertTrue(government.admits(sovereignShared), "a shared sovereign accelerator in its region is fine");
        assertFalse(government.admits(route("sov-us", "us", EndpointKind.DEDICATED, null, true)), "but not outside its regions");
    }

    @Test
    void dedicatedOnlyKeepsTheRouterOutEvenWhenProvidersAreAllowed() {
        Placement p = new Placement(ACME, List.of(), Residency.GLOBAL, true, true, ANY);
        assertFalse(p.admits(ROUTER));
        assertTrue(p.admits(SHARED_EU));
    }

    @Test
    void aProviderTheCallerNamesMustBeAllowedAndTheRoutersChoiceIsNarrowed() {
        Placement some = new Placement(ACME, List.of(), Residency.GLOBAL, false, false, List.of("nebius", "hf-inference"));
        assertEquals(java.util.Optional.of("org/m:nebius"), some.routerModel("org/m"), "the router's choice narrowed");
        assertEquals(java.util.Optional.of("org/m:nebius"), some.routerModel("org/m:fastest"));
        assertEquals(java.util.Optional.of("org/m:hf-inference"), some.routerModel("org/m:hf-inference"), "an allowed one kept");
        assertEquals(java.util.Optional.empty(), some.routerModel("org/m:together"), "a provider outside the policy refused");
        Placement any = new Placement(ACME, List.of(), Residency.GLOBAL, false, false, ANY);
        assertEquals(java.util.Optional.of("org/m:together"), any.routerModel("org/m:together"), "auto: every provider");
        assertEquals(java.util.Optional.of("org/m"), any.routerModel("org/m"));
        Placement none = new Placement(ACME, List.of(), Residency.SOVEREIGN, true, true, NONE);
        assertEquals(java.util.Optional.empty(), none.routerModel("org/m:hf-inference"), "no third-party provider for Sovereign");
        assertFalse(none.admits(ROUTER));
    }
}
