-- Each command service owns a database; order_command is created by POSTGRES_DB.
CREATE DATABASE inventory_command;
