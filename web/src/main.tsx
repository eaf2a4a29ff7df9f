import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "./app.css";

import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router/dom";

import { queryClient } from "./app/queryClient";
import { router } from "./app/router";
import { cssVariablesResolver, theme } from "./app/theme";
import { startSession } from "./auth/session";
import { I18nProvider } from "./i18n/I18nProvider";

// Before the first render: a reload signs back in from the refresh cookie.
startSession();

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");

// No <ColorSchemeScript>: it is an inline script, which the CSP forbids. index.html sets
// the (light) scheme attribute itself.
createRoot(root).render(
  <StrictMode>
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="light"
    >
      <I18nProvider>
        <QueryClientProvider client={queryClient}>
          <Notifications position="top-center" />
          <RouterProvider router={router} />
        </QueryClientProvider>
      </I18nProvider>
    </MantineProvider>
  </StrictMode>,
);
