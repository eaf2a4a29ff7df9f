import { Navigate, Outlet, useLocation } from "react-router";

import { useSession } from "../auth/useSession";
import { PageSkeleton } from "./Skeletons";

/** Routes under this need a signed-in user: others go to /login and come back after. */
export function RequireAuth() {
  const session = useSession();
  const location = useLocation();
  if (session.status === "unknown") return <PageSkeleton />;
  if (session.status === "signedOut") {
    const next = location.pathname + location.search;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
