import { listZip, readZipEntry } from './zip-reader.js';

export interface MavenArtifact {
  readonly groupId: string;
  readonly artifactId: string;
  readonly version: string;
  /** The archive it was found in; nested archives as `app.jar!/BOOT-INF/lib/x.jar`. */
  readonly location: string;
}

export interface JarScan {
  readonly artifacts: MavenArtifact[];
  /** Archives (possibly nested) that name no Maven coordinates, or could not be read. */
  readonly unscanned: { path: string; reason: string }[];
}

/** Archive kinds Java tools produce and nest (`BOOT-INF/lib`, `WEB-INF/lib`, Jenkins `.hpi`/`.jpi`). */
export const javaArchive = /\.(jar|war|ear|par|sar|jpi|hpi)$/i;
const pomProperties = /^META-INF\/maven\/[^/]+\/[^/]+\/pom\.properties$/;
const maxNestedBytes = 50 * 1024 * 1024;
const maxPropertiesBytes = 64 * 1024;
const maxDepth = 3;

/** Java `.properties` (key=value or key: value, `#`/`!` comments); enough for pom.properties. */
function parseProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const match = /^([^=:\s]+)\s*[=:]?\s*(.*)$/.exec(line);
    if (match !== null) out.set(match[1] ?? '', match[2] ?? '');
  }
  return out;
}

/**
 * Finds the Maven artifacts in a Java archive: each `META-INF/maven/<group>/<artifact>/pom.properties`
 * (shaded jars have several), and recursively those of nested archives (Spring Boot, WARs), up to three
 * levels deep. Archives yielding none (Gradle builds write no pom.properties) are reported rather than
 * guessed from file names.
 *
 * @example
 * scanJar(readFileSync('app.jar'), 'opt/app/app.jar').artifacts;
 * // [{ groupId: 'com.example', artifactId: 'app', version: '1.0.0', location: 'opt/app/app.jar' }, …]
 */
export function scanJar(data: Buffer, location: string, depth = 0): JarScan {
  const scan: JarScan = { artifacts: [], unscanned: [] };
  const entries = listZip(data);
  if (entries === undefined) {
    scan.unscanned.push({ path: location, reason: 'not a readable zip archive' });
    return scan;
  }
  let own = 0;
  for (const entry of entries) {
    if (pomProperties.test(entry.name)) {
      const properties = parseProperties(
        readZipEntry(data, entry, maxPropertiesBytes)?.toString('utf8') ?? '',
      );
      const groupId = properties.get('groupId');
      const artifactId = properties.get('artifactId');
      const version = properties.get('version');
      if (groupId && artifactId && version) {
        scan.artifacts.push({ groupId, artifactId, version, location });
        own += 1;
      }
    } else if (javaArchive.test(entry.name) && depth < maxDepth) {
      const nestedPath = `${location}!/${entry.name}`;
      const nested = readZipEntry(data, entry, maxNestedBytes);
      if (nested === undefined) {
        scan.unscanned.push({
          path: nestedPath,
          reason: `nested archive larger than ${maxNestedBytes} bytes or unreadable`,
        });
        continue;
      }
      const inner = scanJar(nested, nestedPath, depth + 1);
      scan.artifacts.push(...inner.artifacts);
      scan.unscanned.push(...inner.unscanned);
    }
  }
  if (own === 0 && scan.artifacts.length === 0)
    scan.unscanned.push({ path: location, reason: 'no META-INF/maven/**/pom.properties' });
  return scan;
}
