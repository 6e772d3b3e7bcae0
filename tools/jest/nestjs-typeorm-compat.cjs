// CommonJS stand-in for @nestjs/typeorm's `dist/common/typeorm-compat.js` under Jest: the ES module
// resolves `typeorm` with `createRequire(import.meta.url)`, which Jest's CommonJS transform cannot
// run. Same exports: TypeORM 0.3's `Connection` and `AbstractRepository` (undefined on TypeORM 1).
const typeorm = require('typeorm');
exports.Connection = typeorm.Connection;
exports.AbstractRepository = typeorm.AbstractRepository;
