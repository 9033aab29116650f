import type { Metadata } from 'next';
import type { ReactNode } from 'react';

export const metadata: Metadata = {
  title: 'Condocker — conda, pip and Docker, designed in your browser',
  description: 'Design a reproducible conda + pip + Docker environment and download a ready-to-build project.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
