'use client';
import { useRef, useState } from 'react';
import { useController, useFormContext, useWatch } from 'react-hook-form';
import { BASE_IMAGES, KNOWLEDGE_DATE, findBaseImage } from '@/lib/design/base-images';
import { useFieldError } from '../design-state';
import { FieldError } from '../fields/field-error';
import { describedBy, fieldIds } from '../fields/field-ids';
import { useCatalog } from '../catalog';
import type { DesignFormValues } from '../form-types';
import { Section } from './section';

const OFFERED = BASE_IMAGES.filter((image) => image.offered);
const CUSTOM = '__custom__';

function imageNote(image: string): string | undefined {
  const known = findBaseImage(image);
  if (!known) return undefined;
  if (known.endOfSupport < KNOWLEDGE_DATE) return `${known.label}: security support ended on ${known.endOfSupport}.`;
  const users = Object.entries(known.existingUsers).map(([uid, name]) => `“${name}” (UID ${uid})`);
  return `${known.label}, supported until ${known.endOfSupport}.${users.length ? ` Already has user ${users.join(', ')}.` : ''}`;
}

/** Base image (offered images or a custom reference) and target platforms. */
export function BaseImageSection() {
  const { control, register } = useFormContext<DesignFormValues>();
  const { platforms: allPlatforms } = useCatalog();
  const { field } = useController({ control, name: 'base.image' });
  const image = typeof field.value === 'string' ? field.value : '';
  const isOffered = OFFERED.some((offered) => offered.image === image);
  const [customChosen, setCustomChosen] = useState(false);
  const showCustom = !isOffered || customChosen;
  const customRef = useRef<HTMLInputElement>(null);
  const imageError = useFieldError('base.image');
  const platformsError = useFieldError('base.platforms');
  const ids = fieldIds('base.image');
  const platformIds = fieldIds('base.platforms');
  const chosenPlatforms = useWatch({ control, name: 'base.platforms' });
  const note = imageNote(image);

  return (
    <Section id="base" title="Base image & platforms" description="The operating system the image starts from, and the CPU architectures to build for.">
      <div className="field-grid">
        <div className="field field-span-2" data-field="base.image">
          <label htmlFor={`${ids.input}-select`}>Base image</label>
          <select
            id={`${ids.input}-select`}
            value={showCustom ? CUSTOM : image}
            aria-describedby={note ? ids.hint : undefined}
            onChange={(event) => {
              if (event.target.value === CUSTOM) {
                setCustomChosen(true);
                requestAnimationFrame(() => customRef.current?.focus());
              } else {
                setCustomChosen(false);
                field.onChange(event.target.value);
              }
            }}
          >
            {OFFERED.map((offered) => (
              <option key={offered.image} value={offered.image}>
                {offered.label} — {offered.image}
              </option>
            ))}
            <option value={CUSTOM}>Custom…</option>
          </select>
          {showCustom && (
            <>
              <label htmlFor={ids.input} className="sub-label">
                Custom image
              </label>
              <input
                id={ids.input}
                ref={(element) => {
                  field.ref(element);
                  customRef.current = element;
                }}
                name={field.name}
                className="mono"
                value={image}
                placeholder="ghcr.io/org/image:1.0"
                autoComplete="off"
                spellCheck={false}
                aria-invalid={imageError ? true : undefined}
                aria-describedby={describedBy(ids, Boolean(note), Boolean(imageError))}
                onChange={(event) => field.onChange(event.target.value)}
                onBlur={field.onBlur}
              />
            </>
          )}
          {note && (
            <p className="hint" id={ids.hint}>
              {note}
            </p>
          )}
          <FieldError id={ids.error} message={imageError} />
        </div>
        <fieldset className="field field-span-2 checkbox-group" data-field="base.platforms" aria-describedby={describedBy(platformIds, false, Boolean(platformsError))}>
          <legend>Platforms</legend>
          <div className="checkbox-row">
            {allPlatforms.map((platform) => (
              <label key={platform} className="checkbox">
                <input type="checkbox" value={platform} {...register('base.platforms')} />
                <span className="mono">{platform}</span>
              </label>
            ))}
          </div>
          {Array.isArray(chosenPlatforms) && chosenPlatforms.length === 2 && <p className="hint">Multi-platform builds need <code>docker buildx</code>.</p>}
          <FieldError id={platformIds.error} message={platformsError} />
        </fieldset>
      </div>
    </Section>
  );
}
