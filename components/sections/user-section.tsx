'use client';
import { TextField } from '../fields/text-field';
import { Section } from './section';

/** The non-root user the container runs as. */
export function UserSection() {
  return (
    <Section id="user" title="User" description="The container runs as this non-root user; match your own IDs so files in bind mounts stay yours.">
      <div className="field-grid field-grid-3">
        <TextField name="user.name" label="User name" placeholder="al-khawarizmi" mono />
        <TextField name="user.uid" label="User ID" type="number" inputMode="numeric" placeholder="1000" mono hint="id -u" />
        <TextField name="user.gid" label="Group ID" type="number" inputMode="numeric" placeholder="100" mono hint="id -g" />
      </div>
    </Section>
  );
}
