export interface BranchRow {
  id: string; region_id: string; name: string; address: string; postcode: string; city: string;
}
export interface RoomRow {
  id: string; branch_id: string; name: string; capacity: number;
}

export const toRoomResponse = (r: RoomRow) => ({ id: r.id, branchId: r.branch_id, name: r.name, capacity: r.capacity });

export const toBranchResponse = (b: BranchRow, rooms: RoomRow[]) => ({
  id: b.id, regionId: b.region_id, name: b.name, address: b.address, postcode: b.postcode, city: b.city,
  rooms: rooms.filter((r) => r.branch_id === b.id).map(toRoomResponse),
});
