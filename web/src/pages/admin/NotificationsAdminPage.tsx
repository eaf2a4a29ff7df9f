// /admin/notifications: announcements (write, preview, send, follow), delivery statistics,
// and the events notifications failed to handle (with their retry).
import { SimpleGrid, Stack } from "@mantine/core";

import { useI18n } from "../../i18n/useI18n";
import { AdminHeader } from "./bits";
import { BroadcastCard } from "./BroadcastCard";
import { DeadLettersCard } from "./DeadLettersCard";
import { DeliveryStatsCard } from "./DeliveryStatsCard";

export function NotificationsAdminPage() {
  const { t } = useI18n();
  return (
    <Stack w="100%">
      <AdminHeader title={t("admin.notifications.title")} lead={t("admin.notifications.lead")} />
      <BroadcastCard />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <DeliveryStatsCard />
        <DeadLettersCard />
      </SimpleGrid>
    </Stack>
  );
}
