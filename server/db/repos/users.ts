import type { Db } from '../open.ts';

export interface User {
  id: number;
  username: string;
  displayName: string;
  email: string;
  mobile: string;
  kind: 'client' | 'contact' | 'staff';
  passwordHash: string;
  mustChangePassword: boolean;
  passwordChangedAt: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  email: string;
  mobile: string;
  kind: User['kind'];
  password_hash: string;
  must_change_password: number;
  password_changed_at: string | null;
  last_login_at: string | null;
  created_at: string;
}

function rowToUser(r: UserRow): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    email: r.email,
    mobile: r.mobile,
    kind: r.kind,
    passwordHash: r.password_hash,
    mustChangePassword: r.must_change_password === 1,
    passwordChangedAt: r.password_changed_at,
    lastLoginAt: r.last_login_at,
    createdAt: r.created_at,
  };
}

export interface NewUser {
  username: string;
  displayName: string;
  email: string;
  mobile: string;
  kind: User['kind'];
  passwordHash: string;
  mustChangePassword: boolean;
  createdAt: string;
}

export function insertUser(db: Db, u: NewUser): number {
  const r = db
    .prepare(
      `INSERT INTO users (username, display_name, email, mobile, kind, password_hash, must_change_password, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      u.username,
      u.displayName,
      u.email,
      u.mobile,
      u.kind,
      u.passwordHash,
      u.mustChangePassword ? 1 : 0,
      u.createdAt,
    );
  return Number(r.lastInsertRowid);
}

export function findUserByUsername(db: Db, username: string): User | null {
  const r = db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
  return r ? rowToUser(r) : null;
}

export function findUserById(db: Db, id: number): User | null {
  const r = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  return r ? rowToUser(r) : null;
}

export function setPassword(db: Db, userId: number, passwordHash: string, at: string, mustChange: boolean): void {
  db.prepare('UPDATE users SET password_hash = ?, must_change_password = ?, password_changed_at = ? WHERE id = ?').run(
    passwordHash,
    mustChange ? 1 : 0,
    at,
    userId,
  );
}

export function setLastLogin(db: Db, userId: number, at: string): void {
  db.prepare('UPDATE users SET last_login_at = ? WHERE id = ?').run(at, userId);
}
