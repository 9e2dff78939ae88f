package id.betang.gateway.menu;

import org.apache.ibatis.annotations.Param;

/** SQL in MenuVersionMapper.xml beside this interface's package in resources. */
public interface MenuVersionMapper {

    /** The active version's id, checksum, who and when, without its YAML: what every poll reads. */
    MenuVersion.Stamp active();

    String yaml(@Param("id") long id);

    /** @return how many rows stopped being active (0 or 1) */
    int deactivate();

    void insertActive(MenuVersion.Draft draft);

    /** The newest version published before {@code id}: where a rollback goes; null when none. */
    Long before(@Param("id") long id);

    int activate(@Param("id") long id);
}
