import type { Db } from "@/db/client";
import type { TDepartment, TRole } from "@/domain/auth/roles";
import { createSession, type SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { callerFor, type Caller } from "@/tests/helpers/context";
import { makeUser } from "@/tests/helpers/users";
import { openCorrectiveAction } from "./actions";
import { raiseNonconformity } from "./nonconformities";

export interface TPerson {
  id: string;
  displayName: string;
  caller: Caller;
  /** `tm_session=<token>` for a Cookie header (the downloads). */
  cookie: string;
  user: SessionUser;
}

/** A user of this role and department, signed in (a caller through the whole tRPC stack). */
export async function person(db: Db, role: TRole, department: TDepartment = "terminal_service"): Promise<TPerson> {
  const u = await makeUser(db, { role, department });
  const { token } = await createSession(db, { userId: u.id });
  const cookie = `tm_session=${token}`;
  return {
    id: u.id,
    displayName: u.displayName,
    caller: await callerFor(db, { cookie }),
    cookie,
    user: { id: u.id, username: u.username, displayName: u.displayName, role: u.role, department: u.department },
  };
}

/** A nonconformity raised against `department` and sent as a record by `quality`, due by `requiredBy`. */
export async function sentAction(
  db: Db,
  quality: { id: string; displayName: string },
  o: { department: TDepartment; requiredBy: string; at?: Date; description?: string },
): Promise<{ ncId: string; ncCode: string; id: string; code: string }> {
  return db.transaction(async (tx) => {
    const at = o.at ?? clockNow();
    const nc = await raiseNonconformity(tx, {
      source: "spot_check",
      sourceRef: "SC-TEST",
      finding: "wrong_label",
      labelKind: "install_repair",
      department: o.department,
      description: "ONU at the customer's has no tag",
      raisedBy: quality.id,
      at,
    });
    const ca = await openCorrectiveAction(tx, {
      nc: { id: nc.id, code: nc.code, department: o.department },
      description: o.description ?? "Label every ONU installed this month",
      requiredBy: o.requiredBy,
      sentBy: quality,
      at,
    });
    return { ncId: nc.id, ncCode: nc.code, ...ca };
  });
}
