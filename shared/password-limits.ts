// The length limits of passwords, apart from the dictionary check so that schemas can use them without pulling
// the (large) zxcvbn dictionaries into every bundle that imports a schema.
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
