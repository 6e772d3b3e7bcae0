#!/usr/bin/env bash
# Creates an empty library with the workspace's conventions:
#   tools/scripts/scaffold-lib.sh <dir under libs/> <scope> <type> [angular]
set -euo pipefail
dir="libs/$1"; scope=$2; type=$3; kind=${4:-node}
name=$(echo "$1" | tr '/' '-')
depth=$(echo "$dir" | awk -F/ '{print NF}'); up=$(printf '../%.0s' $(seq 1 "$depth"))
mkdir -p "$dir/src"
cat > "$dir/project.json" <<JSON
{
  "name": "$name",
  "\$schema": "${up}node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "library",
  "tags": ["scope:$scope", "type:$type"]
}
JSON
[ -f "$dir/src/index.ts" ] || echo "export {};" > "$dir/src/index.ts"
if [ "$kind" = angular ]; then
cat > "$dir/tsconfig.json" <<JSON
{
  "extends": "${up}tsconfig.base.json",
  "compilerOptions": { "target": "es2022", "moduleResolution": "bundler", "module": "preserve", "isolatedModules": true, "emitDecoratorMetadata": false },
  "angularCompilerOptions": { "strictInjectionParameters": true, "strictInputAccessModifiers": true, "strictTemplates": true },
  "files": [],
  "include": [],
  "references": [{ "path": "./tsconfig.lib.json" }, { "path": "./tsconfig.spec.json" }]
}
JSON
cat > "$dir/tsconfig.spec.json" <<JSON
{
  "extends": "./tsconfig.json",
  "compilerOptions": { "outDir": "${up}dist/out-tsc", "module": "commonjs", "moduleResolution": "node10", "target": "es2016", "types": ["jest", "node"] },
  "files": ["src/test-setup.ts"],
  "include": ["src/**/*.spec.ts", "src/**/*.d.ts"]
}
JSON
echo "import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';

setupZonelessTestEnv({ errorOnUnknownElements: true, errorOnUnknownProperties: true });" > "$dir/src/test-setup.ts"
cat > "$dir/jest.config.cts" <<JS
module.exports = {
  displayName: '$name',
  preset: '${up}jest.preset.js',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  transform: {
    '^.+\\\\.(ts|mjs|js|html)\$': ['jest-preset-angular', { tsconfig: '<rootDir>/tsconfig.spec.json', stringifyContentPathRegex: '\\\\.(html|svg)\$' }],
  },
  transformIgnorePatterns: ['node_modules/(?!(.*\\\\.mjs\$|@jsverse/))'],
};
JS
cat > "$dir/eslint.config.mjs" <<JS
import nx from '@nx/eslint-plugin';
import baseConfig from '${up}eslint.config.mjs';

export default [
  ...nx.configs['flat/angular'],
  ...nx.configs['flat/angular-template'],
  ...baseConfig,
  {
    files: ['**/*.ts'],
    rules: {
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'ma', style: 'camelCase' }],
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'ma', style: 'kebab-case' }],
    },
  },
];
JS
else
cat > "$dir/tsconfig.json" <<JSON
{
  "extends": "${up}tsconfig.base.json",
  "compilerOptions": { "module": "commonjs", "moduleResolution": "node10", "target": "es2022", "types": ["node"] },
  "files": [],
  "include": [],
  "references": [{ "path": "./tsconfig.lib.json" }, { "path": "./tsconfig.spec.json" }]
}
JSON
cat > "$dir/tsconfig.spec.json" <<JSON
{
  "extends": "./tsconfig.json",
  "compilerOptions": { "outDir": "${up}dist/out-tsc", "types": ["jest", "node"] },
  "include": ["src/**/*.spec.ts", "src/**/*.int-spec.ts", "src/**/*.d.ts"]
}
JSON
cat > "$dir/jest.config.cts" <<JS
module.exports = {
  displayName: '$name',
  preset: '${up}jest.preset.js',
  testEnvironment: 'node',
  transform: { '^.+\\\\.[tj]s\$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', isolatedModules: true }] },
  moduleFileExtensions: ['ts', 'js'],
};
JS
cat > "$dir/eslint.config.mjs" <<JS
import baseConfig from '${up}eslint.config.mjs';

export default [...baseConfig];
JS
fi
cat > "$dir/tsconfig.lib.json" <<JSON
{
  "extends": "./tsconfig.json",
  "compilerOptions": { "outDir": "${up}dist/out-tsc", "declaration": true },
  "include": ["src/**/*.ts"],
  "exclude": ["src/**/*.spec.ts", "src/**/*.int-spec.ts", "src/test-setup.ts", "jest.config.cts"]
}
JSON
alias="@mijn-account/$name"
node -e "
const fs=require('fs');const f='tsconfig.base.json';const j=JSON.parse(fs.readFileSync(f,'utf8'));
j.compilerOptions.paths=j.compilerOptions.paths||{};j.compilerOptions.paths['$alias']=['$dir/src/index.ts'];
fs.writeFileSync(f, JSON.stringify(j,null,2)+'\n');"
echo "created $dir as $alias"
