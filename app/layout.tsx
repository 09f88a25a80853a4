import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { rootClientMessages } from "@/messages/page-namespaces";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { TRPCReactProvider } from "@/client/trpc";
import { SUBMIT_GUARD, SubmitReplay } from "./_ui/submit-guard";
import { ServiceWorkerUpdate } from "./_ui/sw-update";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return {
    title: t("name"),
    description: t("tagline"),
    applicationName: "Tracemark",
    appleWebApp: { capable: true, title: "Tracemark", statusBarStyle: "default" },
    icons: { icon: "/icons/icon-192.png", apple: "/icons/apple-touch-icon.png" },
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  viewportFit: "cover",
  themeColor: "#0b4f9c",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const messages = await getMessages();
  return (
    <html lang={locale}>
      <body>
        <script dangerouslySetInnerHTML={{ __html: SUBMIT_GUARD }} />
        {/* the messages every screen shares; a page sends its own namespaces with it (PageMessages, ADR 0036) */}
        <NextIntlClientProvider locale={locale} messages={rootClientMessages(messages)}>
          <TRPCReactProvider>
            <SubmitReplay />
            <ServiceWorkerUpdate />
            {children}
          </TRPCReactProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
