'use client';
import { ListEditor } from '../fields/list-editor';
import { TextAreaField } from '../fields/text-field';
import { Section } from './section';

/** JupyterLab extensions and the free-form postBuild script. */
export function PostBuildSection() {
  return (
    <Section id="post-build" title="Post-build" description="Runs as the user once the environment exists (postBuild, with set -euo pipefail).">
      <ListEditor
        name="postBuild.jupyterExtensions"
        label="JupyterLab extensions"
        itemLabel="JupyterLab extension"
        placeholder="jupyterlab-git>=0.50"
        emptyText="No extensions."
        suggestions={['jupyterlab-git', 'jupyterlab-lsp', 'jupyter-resource-usage', 'jupyterlab_code_formatter', 'ipywidgets']}
        hint="Prebuilt extensions, installed with pip."
      />
      <TextAreaField
        name="postBuild.script"
        label="Post-build script"
        placeholder={'# e.g. download a model or register a kernel\npython -m ipykernel install --user --name app'}
        rows={5}
        hint="Bash; runs inside the activated environment."
      />
    </Section>
  );
}
