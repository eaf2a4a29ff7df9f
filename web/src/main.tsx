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
import { loadCatalogue } from "./i18n/format";
import { I18nProvider, storedLang } from "./i18n/I18nProvider";

// Before the first render: a reload signs back in from the refresh cookie.
startSession();

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");

// The first render waits for the chosen language's messages (nothing to wait for in
// Korean). No <ColorSchemeScript>: it is an inline script, which the CSP forbids;
// index.html sets the (light) scheme attribute itself.
void loadCatalogue(storedLang()).then(() =>
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
  ),
);
