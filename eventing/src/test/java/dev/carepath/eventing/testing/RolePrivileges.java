package dev.carepath.eventing.testing;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** What a role holds in a schema, read from the catalog's access lists, for tests of the application roles' grants. */
public final class RolePrivileges {

    private RolePrivileges() {
    }

    /**
     * Every privilege {@code role} holds in {@code schema} itself, on its relations and on their columns, in order:
     * {@code "schema USAGE"}, {@code "table outbox SELECT"}, {@code "sequence outbox_id_seq USAGE with grant option"},
     * {@code "column entry.amount UPDATE"}. {@code jdbc} must be allowed to read the catalog (any login is).
     */
    public static List<String> in(JdbcTemplate jdbc, String schema, String role) {
        return jdbc.queryForList("""
                SELECT 'schema ' || a.privilege_type || CASE WHEN a.is_grantable THEN ' with grant option' ELSE '' END
                FROM pg_namespace n CROSS JOIN LATERAL aclexplode(n.nspacl) a
                WHERE n.nspname = ? AND a.grantee = ?::regrole
                UNION ALL
                SELECT CASE c.relkind WHEN 'S' THEN 'sequence ' WHEN 'v' THEN 'view ' ELSE 'table ' END
                       || c.relname || ' ' || a.privilege_type
                       || CASE WHEN a.is_grantable THEN ' with grant option' ELSE '' END
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace CROSS JOIN LATERAL aclexplode(c.relacl) a
                WHERE n.nspname = ? AND a.grantee = ?::regrole
                UNION ALL
                SELECT 'column ' || c.relname || '.' || t.attname || ' ' || a.privilege_type
                FROM pg_attribute t JOIN pg_class c ON c.oid = t.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                CROSS JOIN LATERAL aclexplode(t.attacl) a
                WHERE n.nspname = ? AND a.grantee = ?::regrole
                ORDER BY 1""", String.class, schema, role, schema, role, schema, role);
    }
}
