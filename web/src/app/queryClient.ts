import { QueryClient } from "@tanstack/react-query";

import { ApiError } from "../api/problem";

// A 4xx will not change by asking again; network and 5xx errors get two more tries before
// the page shows its retry button.
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (failures, error) =>
        !(error instanceof ApiError && error.kind === "client") && failures < 2,
    },
  },
});
