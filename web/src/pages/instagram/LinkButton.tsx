import { Button, type ButtonProps } from "@mantine/core";
import { useEffect, useState, type ReactNode } from "react";
import { useLocation } from "react-router";

import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { callbackUrl, remember, stateOf } from "./linkFlow";
import { useStartLink } from "./queries";
import { useNotify } from "./useNotify";

/** Links (or, given the account, reconnects) an Instagram account the way a person does:
 * to Facebook's login dialog in this tab, and back to /instagram/callback, which finishes.
 * The app remembers where the person was and which account they reconnect. */
export function LinkButton({
  reconnect,
  children,
  ...props
}: { reconnect?: { igUserId: string }; children: ReactNode } & ButtonProps) {
  const { t } = useI18n();
  const location = useLocation();
  const start = useStartLink();
  const notify = useNotify();
  // The page stays while the browser leaves for Facebook: keep the button busy till then.
  const [leaving, setLeaving] = useState(false);
  // Back from Facebook with the browser's back button, the page may come from its cache.
  useEffect(() => {
    const back = () => setLeaving(false);
    window.addEventListener("pageshow", back);
    return () => window.removeEventListener("pageshow", back);
  }, []);
  const go = () =>
    start.mutate(callbackUrl(window.location.origin), {
      onSuccess: (authorizeUrl) => {
        remember(window.sessionStorage, {
          state: stateOf(authorizeUrl),
          returnTo: location.pathname + location.search,
          igUserId: reconnect?.igUserId,
        });
        setLeaving(true);
        window.location.assign(authorizeUrl);
      },
      onError: (error) =>
        notify(t("instagram.link.startFailed", { error: errorMessage(error, t) }), "red"),
    });
  return (
    <Button onClick={go} loading={start.isPending || leaving} {...props}>
      {children}
    </Button>
  );
}
