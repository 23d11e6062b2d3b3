// The layer rule from DESIGN.md as an allow-list (after VS Code's code-layering): every source file under
// shared/, renderer/ or electron/ belongs to a layer, and each layer names what it may import. An import that
// no entry allows fails lint, so a new dependency between layers is a decision someone writes down here.
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * `files`: the repo-relative folder (ends with /) or file the layer covers; the longest match wins.
 * `allow`: repo-relative folders (end with /) or modules (no extension), package names, or 'node:*'.
 * `allowTypes`: entries that only `import type` may use.
 */
export const LAYERS = [
  {
    name: 'shared',
    files: 'shared/',
    why: 'shared/ runs in both processes: no Electron, Node, DOM framework or other layer.',
    allow: ['shared/', 'zod'],
  },
  {
    name: 'renderer',
    files: 'renderer/',
    why: 'The renderer reaches the main process only through window.api, never through Node or the store.',
    allow: ['renderer/', 'shared/', 'vue', 'pinia', 'vuetify', '@mdi/js'],
  },
  {
    name: 'electron/db',
    files: 'electron/db/',
    why: 'The store sits at the bottom: it knows no service, handler, job or window.',
    allow: ['electron/db/', 'shared/', 'drizzle-orm', 'better-sqlite3', 'node:*'],
  },
  {
    name: 'electron/services',
    files: 'electron/services/',
    why: 'Services hold the domain rules over repos and run under plain Node: no handler, job, main or Electron.',
    allow: ['electron/services/', 'electron/db/', 'shared/', 'zod', 'node:*'],
  },
  {
    name: 'electron/integrations',
    files: 'electron/integrations/',
    why: 'Integrations talk to the outside world and hand plain data to services and jobs.',
    allow: ['electron/integrations/', 'shared/', 'node:*'],
  },
  {
    name: 'electron/jobs',
    files: 'electron/jobs/',
    why: 'Jobs run in worker threads on their own connection: no handler, main or Electron.',
    allow: [
      'electron/jobs/',
      'electron/db/',
      'electron/integrations/',
      // The export worker verifies the audit chain and labels entries with the very code that wrote them.
      'electron/services/auditLabels',
      'electron/services/auditLog',
      'shared/',
      'drizzle-orm',
      'exceljs',
      'node:*',
    ],
  },
  {
    name: 'electron/handlers',
    files: 'electron/handlers/',
    why: "Handlers are pure (ctx, input) => output over services; they never import main or 'electron'.",
    allow: ['electron/handlers/', 'electron/services/', 'electron/jobs/', 'shared/', 'zod'],
    allowTypes: ['electron/db/client'],
  },
  {
    name: 'electron/handlers/core (composition root)',
    files: 'electron/handlers/core.ts',
    why: 'The core opens the store and wires handlers, for the main process and the test host alike.',
    allow: ['electron/handlers/', 'electron/services/', 'electron/jobs/', 'shared/', 'zod', 'electron/db/client', 'electron/db/repos/workspaces'],
  },
  {
    name: 'electron/main',
    files: 'electron/main/',
    why: 'The main process wires Electron to the core; it reaches the store only through handlers/core.',
    allow: ['electron/main/', 'electron/handlers/', 'electron/db/client', 'shared/', 'electron', 'node:*'],
  },
  {
    name: 'electron/preload',
    files: 'electron/preload/',
    why: 'The sandboxed preload only bridges IPC: Electron and the shared contract, nothing from Node.',
    allow: ['electron/preload/', 'shared/', 'electron'],
  },
];

/** Folders where every source file must belong to a layer. */
const LAYERED_ROOTS = ['shared/', 'renderer/', 'electron/'];
const SOURCE_EXTENSION = /\.(?:[cm]?[jt]sx?|vue)$/;

function toPosix(path) {
  return path.split(sep).join('/');
}

function layerOf(file) {
  const candidates = LAYERS.filter((layer) => (layer.files.endsWith('/') ? file.startsWith(layer.files) : file === layer.files));
  return candidates.sort((a, b) => b.files.length - a.files.length)[0];
}

function packageName(specifier) {
  if (specifier.startsWith('node:')) return specifier;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** What an import points at: a repo-relative path (relative or absolute specifiers) or a package. */
function importTarget(specifier, importerDir, root) {
  if (specifier.startsWith('.') || isAbsolute(specifier)) {
    return { kind: 'path', path: toPosix(relative(root, resolve(importerDir, specifier))) };
  }
  return { kind: 'package', name: packageName(specifier) };
}

function entryAllows(entry, target) {
  if (target.kind === 'package') {
    return entry === target.name || (entry === 'node:*' && target.name.startsWith('node:'));
  }
  if (target.path.startsWith('..')) return false;
  if (entry.endsWith('/')) return target.path.startsWith(entry);
  return target.path === entry || target.path.replace(SOURCE_EXTENSION, '') === entry || target.path === `${entry}/index`;
}

function isTypeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  if (node.type === 'TSImportType') return true;
  const specifiers = node.specifiers ?? [];
  return specifiers.length > 0 && specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type');
}

/** @type {import('eslint').Rule.RuleModule} */
const allowedImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Each layer imports only what build/eslint/layers.mjs allows it.' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, required: ['root'], additionalProperties: false }],
    messages: {
      notAllowed: "'{{specifier}}' ({{target}}) is not on the {{layer}} allow-list. {{why}} It may import: {{allowed}}. The list is in build/eslint/layers.mjs.",
      noLayer: '{{file}} is in no layer. Add its folder to LAYERS in build/eslint/layers.mjs with what it may import.',
      unresolvable: 'An import with a computed specifier cannot be checked against the {{layer}} allow-list; use a string literal.',
    },
  },
  create(context) {
    const root = context.options[0].root;
    const file = toPosix(relative(root, context.filename));
    if (!LAYERED_ROOTS.some((folder) => file.startsWith(folder)) || !SOURCE_EXTENSION.test(file)) return {};
    const layer = layerOf(file);
    if (!layer) {
      return {
        Program(node) {
          context.report({ node, messageId: 'noLayer', data: { file } });
        },
      };
    }
    const importerDir = dirname(context.filename);

    function check(node, sourceNode) {
      if (!sourceNode || sourceNode.type !== 'Literal' || typeof sourceNode.value !== 'string') {
        context.report({ node, messageId: 'unresolvable', data: { layer: layer.name } });
        return;
      }
      const specifier = sourceNode.value;
      const target = importTarget(specifier, importerDir, root);
      const entries = isTypeOnly(node) ? [...layer.allow, ...(layer.allowTypes ?? [])] : layer.allow;
      if (entries.some((entry) => entryAllows(entry, target))) return;
      context.report({
        node: sourceNode,
        messageId: 'notAllowed',
        data: {
          specifier,
          target: target.kind === 'path' ? target.path : `package ${target.name}`,
          layer: layer.name,
          why: layer.why,
          allowed: [...layer.allow, ...(layer.allowTypes ?? []).map((entry) => `${entry} (types)`)].join(', '),
        },
      });
    }

    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportType: (node) => check(node, node.source ?? node.argument?.literal),
      TSImportEqualsDeclaration: (node) => {
        if (node.moduleReference.type === 'TSExternalModuleReference') check(node, node.moduleReference.expression);
      },
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1) check(node, node.arguments[0]);
      },
    };
  },
};

export default { meta: { name: 'accessdesk-layers' }, rules: { 'allowed-imports': allowedImports } };
