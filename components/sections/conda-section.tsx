'use client';
import { useFormContext, useWatch } from 'react-hook-form';
import { INSTALLERS, findRelease, type InstallerId } from '@/lib/design/installers';
import { ListEditor } from '../fields/list-editor';
import { SelectField, TextField } from '../fields/text-field';
import { useCatalog } from '../catalog';
import type { DesignFormValues } from '../form-types';
import { PackageCombobox } from '../suggest/package-combobox';
import { SuggestionsSwitch } from '../suggest/suggestions-switch';
import { Section } from './section';

const INSTALLER_LABELS: Record<InstallerId, string> = {
  miniforge: 'Miniforge (conda-forge, recommended)',
  micromamba: 'micromamba (small static binary)',
  miniconda: 'Miniconda (Anaconda defaults)',
};

const CHANNEL_SUGGESTIONS = ['conda-forge', 'nodefaults', 'bioconda', 'pytorch', 'nvidia', 'defaults'];
const PYTHON_VERSIONS = ['3.14', '3.13', '3.12', '3.11', '3.10'];
const PACKAGE_SUGGESTIONS = ['numpy', 'pandas', 'scipy', 'matplotlib', 'seaborn', 'scikit-learn', 'xarray', 'dask', 'polars', 'pyarrow', 'jupyterlab', 'ipywidgets', 'pytorch', 'r-base', 'nodejs', 'pip'];

function versionHint(installer: InstallerId, version: string, unverified: boolean): string {
  const info = INSTALLERS[installer];
  const chosen = version || info.defaultVersion;
  const release = findRelease(installer, chosen);
  const checked = release ? Object.keys(release.sha256) : [];
  const sums = unverified
    ? 'not verified: the 2020 download is on (Advanced)'
    : checked.length > 0
      ? `checksum verified for ${checked.join(' and ')}`
      : 'no published checksum known: not verified';
  return `${version ? '' : `Empty: the default, ${info.defaultVersion}. `}${info.label} ${chosen} — ${sums}.`;
}

/** Conda installer, channels, python version and conda packages. */
export function CondaSection() {
  const { control } = useFormContext<DesignFormValues>();
  const { installerIds } = useCatalog();
  const installerOptions = installerIds.map((id) => ({ value: id, label: INSTALLER_LABELS[id] ?? INSTALLERS[id]?.label ?? id }));
  const installer = (useWatch({ control, name: 'conda.installer' }) ?? 'miniforge') as InstallerId;
  const version = useWatch({ control, name: 'conda.installerVersion' }) ?? '';
  const unverified = useWatch({ control, name: 'compat.unverifiedInstaller' }) ?? false;
  const known = INSTALLERS[installer] ?? INSTALLERS.miniforge;

  return (
    <Section id="conda" title="Conda" description="The installer, where packages come from, and the packages of the environment (environment.yml).">
      <div className="field-grid">
        <SelectField name="conda.installer" label="Installer" options={installerOptions} />
        <TextField
          name="conda.installerVersion"
          label="Installer version"
          placeholder={known.defaultVersion}
          list="installer-versions"
          mono
          hint={versionHint(known.id, typeof version === 'string' ? version : '', Boolean(unverified))}
        />
        <datalist id="installer-versions">
          {known.releases.map((release) => (
            <option key={release.version} value={release.version} />
          ))}
        </datalist>
        <TextField
          name="conda.pythonVersion"
          label="Python version"
          placeholder="3.12"
          list="python-versions"
          mono
          hint="major.minor, or empty to pin python in the package list."
        />
        <datalist id="python-versions">
          {PYTHON_VERSIONS.map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
        <SelectField
          name="conda.channelPriority"
          label="Channel priority"
          options={[
            { value: 'strict', label: 'strict (recommended)' },
            { value: 'flexible', label: 'flexible' },
          ]}
        />
      </div>
      <ListEditor
        name="conda.channels"
        label="Channels"
        itemLabel="Channel"
        placeholder="conda-forge"
        suggestions={CHANNEL_SUGGESTIONS}
        hint="Searched in this order. “nodefaults” keeps Anaconda’s defaults out."
      />
      <ListEditor
        name="conda.packages"
        label="Conda packages"
        itemLabel="Conda package"
        placeholder="numpy>=1.26"
        suggestions={PACKAGE_SUGGESTIONS}
        newEntryInput={PackageCombobox}
        hint={
          <>
            Match specs, e.g. <code>numpy</code>, <code>pandas&gt;=2.2</code>, <code>pytorch=*=cuda*</code>, <code>conda-forge::xarray</code>.
          </>
        }
      />
      <SuggestionsSwitch />
    </Section>
  );
}
