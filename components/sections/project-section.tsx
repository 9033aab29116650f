'use client';
import { TextField } from '../fields/text-field';
import { Section } from './section';

/** Project name and description: the image, conda env and zip are named after the project. */
export function ProjectSection() {
  return (
    <Section id="project" title="Project" description="Names the image, the conda environment and the zip.">
      <div className="field-grid">
        <TextField name="project.name" label="Project name" placeholder="climate-model" mono />
        <TextField name="project.description" label="Description" placeholder="JupyterLab with the PyData stack" className="field-span-2" />
      </div>
    </Section>
  );
}
