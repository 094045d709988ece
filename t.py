import socket, struct, time
s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.connect(("127.0.0.1",25353)); s.settimeout(2)
def q(i,name):
    qq=b"".join(bytes([len(p)])+p.encode() for p in name.split("."))+b"\0"
    return struct.pack(">HHHHHH",i,0x0100,1,0,0,0)+qq+struct.pack(">HH",1,1)
lat=[]
for i in range(300):
    t=time.monotonic(); s.send(q(i,"hit.example.test"))
    try:
        s.recv(512); lat.append(time.monotonic()-t)
    except socket.timeout: print("timeout", i)
lat.sort(); print("n",len(lat),"p50 %.3fms p99 %.3fms max %.3fms"%(lat[len(lat)//2]*1000, lat[int(len(lat)*.99)]*1000, lat[-1]*1000))
