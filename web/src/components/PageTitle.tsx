import { Title } from "@mantine/core";

import { usePageTitle } from "../lib/usePageTitle";

/**
 * Every page's one h1, which also names the browser tab. After a navigation the layout
 * moves focus here (tabIndex -1), so screen readers announce the new page.
 */
export function PageTitle({ children }: { children: string }) {
  usePageTitle(children);
  return (
    <Title order={1} tabIndex={-1} mb="md" style={{ outlineOffset: 4 }}>
      {children}
    </Title>
  );
}
