import { Card, Stack, Text, Title, VisuallyHidden } from "@mantine/core";
import { useId, type ReactNode } from "react";

export interface ChartTable {
  columns: string[];
  rows: (string | number)[][];
}

/** A chart with its heading, an empty state when there is nothing to draw yet, and the
 * same figures as a table for screen readers (a drawing says nothing to them). */
export function ChartCard({
  title,
  description,
  empty,
  table,
  children,
}: {
  title: string;
  description?: string;
  /** What to say instead of the chart; null when there is data. */
  empty: string | null;
  table: ChartTable;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <div>
          <Title order={2} fz="h4" id={id}>
            {title}
          </Title>
          {description ? (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          ) : null}
        </div>
        {empty ? (
          <Text size="sm" ta="center" py="xl">
            {empty}
          </Text>
        ) : (
          <>
            {children}
            <VisuallyHidden>
              <table>
                <caption>{title}</caption>
                <thead>
                  <tr>
                    {table.columns.map((column) => (
                      <th key={column} scope="col">
                        {column}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map((row) => (
                    <tr key={String(row[0])}>
                      {row.map((cell, i) => (
                        <td key={i}>{cell}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </VisuallyHidden>
          </>
        )}
      </Stack>
    </Card>
  );
}
