import { Text } from "@mantine/core";
import type { ReactNode } from "react";

/** One labelled figure of a <dl>: the label small above, the value large. */
export function Figure({ label, value, note }: { label: string; value: string; note?: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} fw={700} fz="lg">
        {value}
        {note ? (
          <Text component="span" size="xs" fw={400} c="dimmed" ml={6}>
            {note}
          </Text>
        ) : null}
      </Text>
    </div>
  );
}
