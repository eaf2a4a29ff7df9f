// How the console shows an account's role and status: a badge each, in words.
import { Badge } from "@mantine/core";

import { useI18n } from "../../i18n/useI18n";
import { ROLES, STATUSES } from "./rules";

// Colours with AA contrast for a badge's small text (axe checks them).
const STATUS_BADGE = {
  ACTIVE: { variant: "outline", color: "teal.9" },
  SUSPENDED: { variant: "filled", color: "red.9" },
  WITHDRAWN: { variant: "filled", color: "gray.7" },
} as const;

export function RoleBadges({ roles }: { roles: readonly string[] }) {
  const { t } = useI18n();
  return (
    <>
      {ROLES.filter((role) => roles.includes(role)).map((role) => (
        <Badge
          key={role}
          variant={role === "ADMIN" ? "outline" : "light"}
          color={role === "ADMIN" ? "petful.8" : "gray"}
        >
          {t(`admin.role.${role}`)}
        </Badge>
      ))}
    </>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const known = STATUSES.find((s) => s === status);
  return (
    <Badge {...(known ? STATUS_BADGE[known] : { color: "gray.7" })}>
      {known ? t(`admin.status.${known}`) : status}
    </Badge>
  );
}
