'use client';
import { useState } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { SwitchField, TextField } from '../fields/text-field';
import { useCatalog } from '../catalog';
import type { DesignFormValues } from '../form-types';

const COMPAT = [
  { name: 'compat.shellWithoutPipefail', label: 'SHELL without pipefail', description: 'SHELL ["/bin/bash","--login","-c"]: a failing command in a pipe does not fail the build (hadolint DL4006).' },
  { name: 'compat.recipeLayout', label: '2020 layout', description: 'FROM without a build arg, adduser with fixed IDs (fails when the UID exists, e.g. on ubuntu:24.04), files copied then chowned.' },
  { name: 'compat.profileActivation', label: 'Activation through ~/.profile', description: 'conda.sh sourced from ~/.profile, conda init bash, conda activate around postBuild.' },
  { name: 'compat.updateBaseConda', label: 'Update base conda', description: 'conda update --name base --channel defaults conda before creating the environment.' },
  { name: 'compat.forceEnvCreate', label: 'conda env create --force', description: 'Removed in conda 24.3: the build fails with a current conda.' },
  { name: 'compat.unverifiedInstaller', label: 'Unverified installer', description: 'Installer fetched with wget, no checksum, the x86_64 file whatever the platform.' },
  { name: 'compat.noInit', label: 'No init process', description: 'The entrypoint script is PID 1: signals and zombie processes are not handled (no tini).' },
] as const;

/** Comments, paths and the 2020 recipe's choices: everything else that reaches a file. */
export function AdvancedSection() {
  const { control } = useFormContext<DesignFormValues>();
  const defaultPaths = useCatalog().defaultDesign.paths;
  const compat = useWatch({ control, name: 'compat' });
  const paths = useWatch({ control, name: 'paths' });
  const compatOn = compat ? Object.values(compat).filter(Boolean).length : 0;
  const pathsChanged = paths ? (Object.keys(defaultPaths) as Array<keyof typeof defaultPaths>).some((key) => paths[key] !== defaultPaths[key]) : false;
  const [toggled, setToggled] = useState<boolean | null>(null);
  const open = toggled ?? (compatOn > 0 || pathsChanged);

  return (
    <section className="section" id="advanced" aria-labelledby="advanced-title">
      <details
        open={open}
        onToggle={(event) => {
          const next = event.currentTarget.open;
          if (next !== open) setToggled(next);
        }}
      >
        <summary className="section-header">
          <h2 id="advanced-title">Advanced</h2>
          <span className="section-description">
            Comments, paths and 2020 recipe compatibility
            {compatOn > 0 && <span className="badge warning">{compatOn} compatibility switch{compatOn === 1 ? '' : 'es'} on</span>}
          </span>
        </summary>
        <div className="section-body">
          <SwitchField name="dockerfile.comments" label="Explanatory comments" description="A comment on every block of the Dockerfile saying what it does and why." />
          <h3 className="subheading">Paths in the image</h3>
          <div className="field-grid field-grid-3">
            <TextField name="paths.condaRoot" label="Conda install directory" mono placeholder="/opt/conda" />
            <TextField name="paths.envPrefix" label="Environment prefix" mono placeholder="/opt/conda/envs/app" />
            <TextField name="paths.projectDir" label="Project directory" mono placeholder="$HOME/app" />
          </div>
          <h3 className="subheading">2020 recipe compatibility</h3>
          <p className="hint">
            Reproduce the 2020 “Conda (+ pip) and Docker FTW!” recipe choice by choice. Each one is off in the recommended output, for the reason given.
          </p>
          <div className="switch-list">
            {COMPAT.map((item) => (
              <SwitchField key={item.name} name={item.name} label={item.label} description={item.description} />
            ))}
          </div>
        </div>
      </details>
    </section>
  );
}
