"use client";
import { TRPCClientError } from "@trpc/client";
import { useCallback } from "react";
import { errorCode, useTRPCClient } from "@/client/trpc";
import type { TServerLeaveAnswer } from "@/client/work-orders/customer-mode";

/** A failure that says nothing about the password: no connection, or the server could not answer. */
function unreachable(err: unknown): boolean {
  if (!(err instanceof TRPCClientError)) return true;
  const status = (err.data as { httpStatus?: number } | undefined)?.httpStatus;
  return status === undefined || status >= 500 || status === 429;
}

/** The server's side of customer mode: put the session in it, and leave it with the lineman's password. */
export function useCustomerServer(): {
  enter: (workOrderId: string) => Promise<boolean>;
  leave: (password: string) => Promise<TServerLeaveAnswer>;
} {
  const client = useTRPCClient();
  const enter = useCallback(
    async (workOrderId: string) => {
      try {
        await client.auth.enterCustomerMode.mutate({ workOrderId });
        return true;
      } catch {
        // no signal, or the server does not know the order as done yet: the phone's own lock holds meanwhile
        return false;
      }
    },
    [client],
  );
  const leave = useCallback(
    async (password: string): Promise<TServerLeaveAnswer> => {
      try {
        await client.auth.leaveCustomerMode.mutate({ password });
        return "ok";
      } catch (err) {
        if (unreachable(err)) return "unreachable";
        return errorCode(err) === "invalid_credentials" ? "wrong" : "unreachable";
      }
    },
    [client],
  );
  return { enter, leave };
}
