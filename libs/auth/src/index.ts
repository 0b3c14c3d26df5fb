export * from './claims';
export * from './key-source';
export * from './token-verifier';
export * from './auth.module';
export * from './guards';
export * from './access-directory';
export * from './operator-usage.module';
export * from './personal-data.module';
