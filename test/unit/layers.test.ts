import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths';

// The project's own eslint.config.mjs, run on code that is not on disk: each case puts a file in one layer.
const eslint = new ESLint({ cwd: REPO_ROOT });

async function layerViolations(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(REPO_ROOT, file) });
  expect(result!.messages.filter((message) => message.fatal)).toEqual([]);
  return result!.messages.filter((message) => message.ruleId === 'layers/allowed-imports').map((message) => message.message);
}

describe('layer allow-list', () => {
  describe('refuses', () => {
    it('a repo importing a service', async () => {
      const errors = await layerViolations('electron/db/repos/probe.ts', "import { listUsers } from '../../services/users';\nexport const probe = listUsers;\n");
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain('electron/services/users');
      expect(errors[0]).toContain('electron/db allow-list');
    });

    it('a handler importing electron/main', async () => {
      const errors = await layerViolations('electron/handlers/probe.ts', "import { serveIpc } from '../main/ipc';\nexport const probe = serveIpc;\n");
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain('electron/main/ipc');
    });

    it("a handler importing 'electron', even for types", async () => {
      const errors = await layerViolations('electron/handlers/probe.ts', "import type { BrowserWindow } from 'electron';\nexport type Probe = BrowserWindow;\n");
      expect(errors).toEqual([expect.stringContaining('package electron')]);
    });

    it('shared importing node:fs', async () => {
      const errors = await layerViolations('shared/domain/probe.ts', "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n");
      expect(errors).toEqual([expect.stringContaining('package node:fs')]);
    });

    it('the renderer importing better-sqlite3', async () => {
      const errors = await layerViolations('renderer/src/stores/probe.ts', "import Database from 'better-sqlite3';\nexport const probe = Database;\n");
      expect(errors).toEqual([expect.stringContaining('package better-sqlite3')]);
    });

    it('a package nobody listed, which a deny-list would have let through', async () => {
      const errors = await layerViolations('electron/services/probe.ts', "import { chunk } from 'lodash';\nexport const probe = chunk;\n");
      expect(errors).toEqual([expect.stringContaining('package lodash')]);
    });

    it('a handler importing a repo value, though types from db/client are fine', async () => {
      const code = "import type { Db } from '../db/client';\nimport { findUserById } from '../db/repos/users';\nexport const probe = (db: Db) => findUserById;\n";
      const errors = await layerViolations('electron/handlers/probe.ts', code);
      expect(errors).toEqual([expect.stringContaining('electron/db/repos/users')]);
    });

    it('re-exports, dynamic imports and require calls as well as import statements', async () => {
      const code = [
        "export * from '../main/security';",
        "export { serveIpc } from '../main/ipc';",
        "export const later = () => import('../main/paths');",
        "export const sync = require('../main/menu');",
      ].join('\n');
      const errors = await layerViolations('electron/handlers/probe.ts', code);
      expect(errors).toHaveLength(4);
    });

    it('a path that climbs out of the repository', async () => {
      const errors = await layerViolations('shared/probe.ts', "import { x } from '../../elsewhere/shared/x';\nexport const probe = x;\n");
      expect(errors).toHaveLength(1);
    });

    it('a component talking to window.api instead of going through a store', async () => {
      const code = "<script setup lang=\"ts\">\nimport { api } from '../../api';\nvoid api;\n</script>\n<template><div /></template>\n";
      const [result] = await eslint.lintText(code, { filePath: join(REPO_ROOT, 'renderer/src/features/users/ProbePanel.vue') });
      expect(result!.messages.map((message) => message.ruleId)).toEqual(['no-restricted-imports']);
    });

    it('a source file in a folder that belongs to no layer', async () => {
      const [result] = await eslint.lintText('export const probe = 1;\n', { filePath: join(REPO_ROOT, 'electron/plugins/probe.ts') });
      expect(result!.messages.map((message) => message.message)).toEqual([expect.stringContaining('is in no layer')]);
    });
  });

  describe('allows', () => {
    it('a service importing repos, the shared contract and node:crypto', async () => {
      const code = [
        "import { randomUUID } from 'node:crypto';",
        "import type { UserRow } from '../../shared/contract';",
        "import { findUserById } from '../db/repos/users';",
        'export const probe = (row: UserRow) => [randomUUID(), findUserById, row];',
      ].join('\n');
      expect(await layerViolations('electron/services/probe.ts', code)).toEqual([]);
    });

    it('a handler importing services and jobs', async () => {
      const code = "import { listUsers } from '../services/users';\nimport { JobRunner } from '../jobs/jobRunner';\nexport const probe = [listUsers, JobRunner];\n";
      expect(await layerViolations('electron/handlers/probe.ts', code)).toEqual([]);
    });

    it('the renderer importing vue, pinia, vuetify subpaths and shared', async () => {
      const code = [
        "import { ref } from 'vue';",
        "import { defineStore } from 'pinia';",
        "import 'vuetify/styles';",
        "import { AppError } from '../../../shared/errors';",
        'export const probe = [ref, defineStore, AppError];',
      ].join('\n');
      expect(await layerViolations('renderer/src/stores/probe.ts', code)).toEqual([]);
    });

    it("'electron' in main and preload only", async () => {
      const code = "import { app } from 'electron';\nexport const probe = app;\n";
      expect(await layerViolations('electron/main/probe.ts', code)).toEqual([]);
      expect(await layerViolations('electron/preload/probe.ts', code)).toEqual([]);
      expect(await layerViolations('electron/jobs/probe.ts', code)).toHaveLength(1);
    });
  });
});
