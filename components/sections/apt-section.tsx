'use client';
import { ListEditor } from '../fields/list-editor';
import { Section } from './section';

const APT_SUGGESTIONS = ['git', 'build-essential', 'libgl1', 'graphviz', 'vim', 'less', 'openssh-client', 'ffmpeg', 'libgomp1'];

/** Debian/Ubuntu packages installed with apt in one layer (apt.txt). */
export function AptSection() {
  return (
    <Section id="apt" title="System packages" description="Debian/Ubuntu packages installed with apt, in one layer, without recommends (apt.txt).">
      <ListEditor
        name="apt.packages"
        label="System packages"
        itemLabel="System package"
        placeholder="git"
        suggestions={APT_SUGGESTIONS}
        emptyText="No system packages beyond what the recipe needs (ca-certificates, curl, tini)."
        hint="Package names, optionally pinned: git=1:2.43.0-1ubuntu7."
      />
    </Section>
  );
}
