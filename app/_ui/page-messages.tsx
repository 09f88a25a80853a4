import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { pageClientMessages, type PageMessagePath } from "@/messages/page-namespaces";

/**
 * The page namespaces (messages/page-namespaces.ts) that the client components inside read, or the parts of them they
 * read (`"instrumentsUi.approvals"`), sent with this page only (ADR 0036). Server component, no script of its own: the
 * provider is the one the root layout already loads. It replaces the provider above it, so the components inside see
 * the root's messages plus these, nothing else; list every page namespace (or part) they read
 * (domain/i18n/page-messages.test.ts checks it, with the list written out literally).
 */
export async function PageMessages({ namespaces, children }: { namespaces: readonly PageMessagePath[] | "all"; children: ReactNode }) {
  const [locale, messages] = await Promise.all([getLocale(), getMessages()]);
  return (
    <NextIntlClientProvider locale={locale} messages={pageClientMessages(messages, namespaces)}>
      {children}
    </NextIntlClientProvider>
  );
}
