import {
  Anchor,
  AppShell,
  Burger,
  Button,
  Divider,
  Group,
  NavLink,
  Stack,
  Text,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useEffect, useRef } from "react";
import { Link, NavLink as RouterNavLink, Outlet, useLocation } from "react-router";

import { useLogout } from "../auth/useLogout";
import { useSession } from "../auth/useSession";
import type { MessageKey } from "../i18n/ko";
import { useI18n } from "../i18n/useI18n";
import { useNotificationStream } from "../pages/notifications/useNotificationStream";
import { LanguageSwitch } from "./LanguageSwitch";
import { NotificationBell } from "./NotificationBell";

interface NavItem {
  to: string;
  label: MessageKey;
  signedInOnly?: boolean;
  /** Shown only to members with this role: a pet owner's sections, a console. */
  role?: "USER" | "ADMIN" | "ADVERTISER";
}

// The main menu, in order. A new section adds its entry here.
const NAV_ITEMS: readonly NavItem[] = [
  { to: "/", label: "nav.home" },
  { to: "/petstars", label: "nav.petstars" },
  { to: "/campaigns", label: "nav.campaigns" },
  // A company's or an operator's account has no pets: their menu has room for the console.
  { to: "/pets", label: "nav.pets", signedInOnly: true, role: "USER" },
  { to: "/health", label: "nav.health", signedInOnly: true, role: "USER" },
  { to: "/schedules", label: "nav.schedules", signedInOnly: true, role: "USER" },
  { to: "/prescriptions", label: "nav.prescriptions", signedInOnly: true, role: "USER" },
  { to: "/community", label: "nav.community", signedInOnly: true },
  { to: "/instagram", label: "nav.instagram", signedInOnly: true, role: "USER" },
  { to: "/account", label: "nav.account", signedInOnly: true },
  { to: "/advertiser", label: "nav.advertiser", signedInOnly: true, role: "ADVERTISER" },
  { to: "/admin", label: "nav.admin", signedInOnly: true, role: "ADMIN" },
];

function useFocusOnNavigation(main: React.RefObject<HTMLElement | null>) {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false; // a fresh load: the browser's own focus handling is right
      return;
    }
    window.scrollTo(0, 0);
    const target = main.current?.querySelector<HTMLElement>("h1") ?? main.current;
    target?.focus();
  }, [location.pathname, main]);
}

export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const { t } = useI18n();
  const session = useSession();
  const location = useLocation();
  const handleLogout = useLogout();
  const main = useRef<HTMLElement>(null);
  useFocusOnNavigation(main);
  useEffect(close, [location.pathname, close]);
  // The inbox kept live while signed in (the bell's count, the notifications page).
  const stream = useNotificationStream();

  const signedIn = session.status === "signedIn";
  const roles = signedIn ? session.user.roles : [];
  const items = NAV_ITEMS.filter(
    (item) => (signedIn || !item.signedInOnly) && (!item.role || roles.includes(item.role)),
  );

  const authActions = signedIn ? (
    <Button variant="default" onClick={handleLogout}>
      {t("nav.logout")}
    </Button>
  ) : (
    <>
      <Button component={Link} to="/login" variant="default">
        {t("nav.login")}
      </Button>
      <Button component={Link} to="/signup">
        {t("nav.signup")}
      </Button>
    </>
  );

  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skipToContent")}
      </a>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 280, breakpoint: "lg", collapsed: { mobile: !opened, desktop: true } }}
        padding="md"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="lg"
                size="sm"
                aria-label={t("nav.openMenu")}
                aria-expanded={opened}
                aria-controls="main-menu"
              />
              <Anchor component={Link} to="/" fw={800} fz="xl" underline="never">
                {t("app.name")}
              </Anchor>
              <Group component="nav" aria-label={t("nav.main")} gap={4} visibleFrom="lg" ml="md">
                {items.map((item) => (
                  <Button
                    key={item.to}
                    component={RouterNavLink}
                    to={item.to}
                    end
                    variant="subtle"
                    color="gray"
                  >
                    {t(item.label)}
                  </Button>
                ))}
              </Group>
            </Group>
            <Group gap="sm" wrap="nowrap">
              {signedIn ? <NotificationBell stream={stream} /> : null}
              <Group gap="sm" visibleFrom="lg" wrap="nowrap">
                <LanguageSwitch />
                {session.status === "unknown" ? null : authActions}
              </Group>
            </Group>
          </Group>
        </AppShell.Header>

        {/* Phones and tablets (the header has the menu from "lg" up, where all of it fits);
            rendered only while open, so
            a closed menu holds nothing a keyboard could tab into. */}
        <AppShell.Navbar p="md" id="main-menu" hiddenFrom="lg">
          {opened ? (
            <>
              <Stack component="nav" aria-label={t("nav.main")} gap={2}>
                {items.map((item) => (
                  <NavLink
                    key={item.to}
                    component={RouterNavLink}
                    to={item.to}
                    end
                    label={t(item.label)}
                  />
                ))}
              </Stack>
              <Divider my="md" />
              <Stack gap="sm">
                <LanguageSwitch />
                {session.status === "unknown" ? null : authActions}
              </Stack>
            </>
          ) : null}
        </AppShell.Navbar>

        <AppShell.Main id="main" ref={main} tabIndex={-1}>
          <Outlet />
          <Text component="footer" c="dimmed" size="xs" ta="center" mt="xl" py="md">
            © PetFul · {t("app.tagline")}
          </Text>
        </AppShell.Main>
      </AppShell>
    </>
  );
}
