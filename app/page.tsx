export default function HomePage() {
  return (
    <main>
      <h1>Condocker</h1>
      <p>The designer page is coming; the generator core is in lib/.</p>
    </main>
  );
}
