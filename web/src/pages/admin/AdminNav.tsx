// The admin console's own menu, under each console page's title: the general pages and the
// four review queues (their pages live in ./queues and show this menu too).
import { Button, Group } from "@mantine/core";
import { matchPath, NavLink, useLocation } from "react-router";

import type { MessageKey } from "../../i18n/ko";
import { useI18n } from "../../i18n/useI18n";

interface Item {
  to: string;
  label: MessageKey;
  /** Lit only on this very address (the dashboard would otherwise match every page). */
  end?: boolean;
}

export const ADMIN_NAV: readonly Item[] = [
  { to: "/admin", label: "admin.nav.dashboard", end: true },
  { to: "/admin/users", label: "admin.nav.users" },
  { to: "/admin/audit", label: "admin.nav.audit" },
  { to: "/admin/notifications", label: "admin.nav.notifications" },
  { to: "/admin/queues/advertisers", label: "admin.nav.advertisers" },
  { to: "/admin/queues/petstars", label: "admin.nav.petstars" },
  { to: "/admin/queues/campaigns", label: "admin.nav.campaigns" },
  { to: "/admin/queues/reports", label: "admin.nav.reports" },
];

/** The console's menu; the page one is on is marked (aria-current) and filled. */
export function AdminNav() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  return (
    <Group component="nav" aria-label={t("admin.nav")} gap={6} mb="lg">
      {ADMIN_NAV.map((item) => {
        const here = matchPath({ path: item.to, end: item.end ?? false }, pathname) !== null;
        return (
          <Button
            key={item.to}
            component={NavLink}
            to={item.to}
            end={item.end}
            size="compact-sm"
            variant={here ? "filled" : "default"}
          >
            {t(item.label)}
          </Button>
        );
      })}
    </Group>
  );
}
